import type { Consumer } from 'kafkajs';
import { OffsetCommitter } from './offset-committer';

type Commit = Array<{ topic: string; partition: number; offset: string }>;

/** A consumer whose first `failures` commits fail with `error` (a retriable broker error by default). */
function fakeConsumer(failures = 0, error: () => Error = () => new Error('coordinator not available')) {
  const commits: Commit[] = [];
  const consumer = {
    commitOffsets: jest.fn(async (offsets: Commit) => {
      if (failures-- > 0) throw error();
      commits.push(offsets);
    }),
  };
  return { consumer: consumer as unknown as Consumer, commits, calls: consumer.commitOffsets };
}

describe('OffsetCommitter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('commits the applied offsets of every partition together, in one request', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits } = fakeConsumer();
    for (const next of [5n, 6n, 7n]) committer.applied(consumer, 'rackeval.intake.rack-events', 0, next);
    committer.applied(consumer, 'rackeval.intake.rack-events', 1, 3n);
    committer.applied(consumer, 'rackeval.results.evaluation-events', 0, 12n);
    await jest.advanceTimersByTimeAsync(committer.intervalMs - 1);
    expect(commits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(commits).toEqual([
      [
        { topic: 'rackeval.intake.rack-events', partition: 0, offset: '7' },
        { topic: 'rackeval.intake.rack-events', partition: 1, offset: '3' },
        { topic: 'rackeval.results.evaluation-events', partition: 0, offset: '12' },
      ],
    ]);
  });

  it('never moves a partition back to an earlier offset', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits } = fakeConsumer();
    committer.applied(consumer, 't', 0, 10n);
    committer.applied(consumer, 't', 0, 8n);
    await committer.flush();
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '10' }]]);
  });

  it('keeps offsets whose commit failed and commits them on the next attempt, unless a later one arrived', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits, calls } = fakeConsumer(1);
    committer.applied(consumer, 't', 0, 4n);
    committer.applied(consumer, 't', 1, 9n);
    await committer.flush();
    expect(commits).toEqual([]);
    committer.applied(consumer, 't', 1, 11n);
    await committer.flush();
    expect(calls).toHaveBeenCalledTimes(2);
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '4' },
        { topic: 't', partition: 1, offset: '11' },
      ],
    ]);
  });

  it('commits what is pending when the service shuts down, then nothing more', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits, calls } = fakeConsumer();
    committer.applied(consumer, 't', 2, 21n);
    await committer.close();
    expect(commits).toEqual([[{ topic: 't', partition: 2, offset: '21' }]]);
    committer.applied(consumer, 't', 2, 22n);
    await jest.advanceTimersByTimeAsync(committer.intervalMs * 3);
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('commits as often as configured', async () => {
    const committer = new OffsetCommitter({ offsetCommitIntervalMs: 1_000 });
    const { consumer, commits } = fakeConsumer();
    committer.applied(consumer, 't', 0, 3n);
    await jest.advanceTimersByTimeAsync(999);
    expect(commits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '3' }]]);
  });

  it('never commits after a rebalance what was applied before it: the partition starts again from its committed offset', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits } = fakeConsumer();
    committer.applied(consumer, 't', 0, 5n);
    committer.applied(consumer, 't', 1, 9n);
    committer.rejoined();
    await committer.flush();
    expect(commits).toEqual([]);
    committer.applied(consumer, 't', 1, 7n); // delivered again from the committed offset, in the new generation
    await committer.flush();
    expect(commits).toEqual([[{ topic: 't', partition: 1, offset: '7' }]]);
  });

  it('drops a failed commit once the group has moved on: retried later it could move a partition another member advanced backwards', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits, calls } = fakeConsumer(1);
    committer.applied(consumer, 't', 0, 40n); // a paused member's commit fails: the coordinator no longer knows it
    await committer.flush();
    committer.rejoined(); // meanwhile another member took partition 0 and committed 55; now it is back here
    await jest.advanceTimersByTimeAsync(committer.intervalMs * 3);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(commits).toEqual([]);
  });

  it('does not commit an event fetched before a rebalance whose handling ended after it', async () => {
    const committer = new OffsetCommitter();
    const { consumer, commits } = fakeConsumer();
    const fetchedIn = committer.generation;
    committer.rejoined();
    committer.applied(consumer, 't', 0, 12n, fetchedIn);
    committer.applied(consumer, 't', 1, 3n, committer.generation);
    await committer.close();
    expect(commits).toEqual([[{ topic: 't', partition: 1, offset: '3' }]]);
  });

  it('stops committing for a member its group has dropped, without retrying every interval, and commits again once it rejoins', async () => {
    // As kafkajs's retrier gives it up: the broker's error wrapped as the cause of a non-retriable one.
    const brokerSaid = () => Object.assign(new Error('The coordinator is not aware of this member'), { type: 'UNKNOWN_MEMBER_ID' });
    const outOfGroup = () =>
      Object.assign(new Error('The coordinator is not aware of this member'), { name: 'KafkaJSNonRetriableError', cause: brokerSaid() });
    const committer = new OffsetCommitter();
    const { consumer, commits, calls } = fakeConsumer(2, outOfGroup);
    committer.applied(consumer, 't', 0, 40n);
    await committer.flush();
    await jest.advanceTimersByTimeAsync(committer.intervalMs * 10);
    expect(calls).toHaveBeenCalledTimes(1); // nothing retried while out of the group
    committer.applied(consumer, 't', 0, 41n); // still applying what it had fetched: tried, dropped again
    await jest.advanceTimersByTimeAsync(committer.intervalMs * 10);
    expect(calls).toHaveBeenCalledTimes(2);
    committer.rejoined();
    committer.applied(consumer, 't', 0, 40n); // delivered again from the committed offset
    await committer.flush();
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '40' }]]);
  });
});
