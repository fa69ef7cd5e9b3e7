import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { register } from 'prom-client';
import { ConsumerMonitor } from './consumer-monitor';

const EVENTS = {
  GROUP_JOIN: 'join',
  REBALANCING: 'rebalancing',
  FETCH_START: 'fetch',
  HEARTBEAT: 'heartbeat',
  CRASH: 'crash',
  STOP: 'stop',
  END_BATCH_PROCESS: 'end-batch',
};

function fakeConsumer() {
  const emitter = new EventEmitter();
  const consumer = {
    events: EVENTS,
    on: (name: string, listener: (event: unknown) => void) => emitter.on(name, listener),
  } as unknown as Consumer;
  return { consumer, emit: (name: string, payload: object = {}) => emitter.emit(name, { payload }) };
}

describe('ConsumerMonitor', () => {
  it('is not ready before its consumer joins the group, and ready once it has', () => {
    const sut = new ConsumerMonitor();
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    expect(sut.readiness()).toEqual({ ok: false, reasons: ['consumer has not joined its group yet'] });
    emit('join', { memberAssignment: { t: [0, 1] } });
    expect(sut.readiness()).toEqual({ ok: true, reasons: [] });
  });

  it('is not ready once its heartbeats stop for longer than the session timeout, and ready again when they resume', () => {
    const sut = new ConsumerMonitor({ sessionTimeoutMs: 6_000 });
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    const joinedAt = Date.now();
    emit('join', { memberAssignment: { t: [0] } });
    emit('fetch');
    expect(sut.readiness(joinedAt + 5_000).ok).toBe(true);
    expect(sut.readiness(joinedAt + 7_000)).toEqual({
      ok: false,
      reasons: ['no heartbeat for 7 s (session timeout 6 s): not a member of its group'],
    });
    emit('heartbeat');
    emit('fetch');
    expect(sut.readiness().ok).toBe(true);
  });

  it('calls a joined consumer wedged only after two session timeouts without a heartbeat, and not while it is being built again', () => {
    const sut = new ConsumerMonitor({ sessionTimeoutMs: 6_000 });
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    expect(sut.wedged(Date.now() + 60_000)).toBeUndefined(); // never joined: starting, not wedged
    const joinedAt = Date.now();
    emit('join', { memberAssignment: { t: [0] } });
    expect(sut.wedged(joinedAt + 7_000)).toBeUndefined(); // past one session timeout: not ready, but kafkajs may still get back in
    expect(sut.wedged(joinedAt + 13_000)).toBe('no heartbeat for 13 s, twice the session timeout (6 s)');
    sut.rebuilding();
    expect(sut.wedged(joinedAt + 13_000)).toBeUndefined();
    expect(sut.readiness(joinedAt + 13_000).reasons).toContain('consumer has not joined its group yet');
    emit('join', { memberAssignment: { t: [0] } });
    expect(sut.wedged()).toBeUndefined();
  });

  it('reports a partition paused on an infrastructure failure as not ready, and ready again when it clears', () => {
    const sut = new ConsumerMonitor();
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    emit('join', { memberAssignment: { t: [0] } });
    sut.retryScheduled('t', 0, 4, true, new Error('connect ECONNREFUSED'));
    expect(sut.readiness().reasons).toEqual([expect.stringMatching(/^t\[0\] paused since .*retrying \(4\): connect ECONNREFUSED$/)]);
    sut.retryEnded('t', 0);
    expect(sut.readiness().ok).toBe(true);
  });

  it('stays ready while an event retries on its own failure (the partition is not waiting on infrastructure)', () => {
    const sut = new ConsumerMonitor();
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    emit('join', { memberAssignment: { t: [0] } });
    sut.retryScheduled('t', 0, 1, false, new Error('handler bug'));
    expect(sut.readiness().ok).toBe(true);
  });

  it('forgets retries of partitions handed to another member at a rebalance', () => {
    const sut = new ConsumerMonitor();
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    emit('join', { memberAssignment: { t: [0, 1] } });
    sut.retryScheduled('t', 1, 2, true, new Error('down'));
    emit('join', { memberAssignment: { t: [0] } });
    expect(sut.readiness().ok).toBe(true);
  });

  it('is neither alive nor ready after a crash, and not ready once its fetch loop is late', () => {
    const sut = new ConsumerMonitor();
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    emit('join', { memberAssignment: {} });
    const now = Date.now();
    // A fetch loop that stopped turning sends no heartbeats either: both are said.
    expect(sut.readiness(now + ConsumerMonitor.FETCH_LATE_MS + 1_000).reasons).toEqual([
      expect.stringMatching(/^no fetch for \d+ s$/),
      expect.stringMatching(/^no heartbeat for \d+ s/),
    ]);
    expect(sut.liveness(now + ConsumerMonitor.FETCH_LATE_MS + 1_000).ok).toBe(true);
    expect(sut.liveness(now + ConsumerMonitor.FETCH_DEAD_MS + 1_000).ok).toBe(false);
    emit('crash');
    expect(sut.liveness()).toEqual({ ok: false, reasons: ['consumer crashed'] });
    expect(sut.readiness().ok).toBe(false);
  });

  it('reports how many records each fetched partition batch held, per topic, for the operator to see whether consumers keep up', async () => {
    const sut = new ConsumerMonitor();
    const { consumer, emit } = fakeConsumer();
    sut.attach(consumer);
    const before = await batchFigures('rackeval.test.batch-sizes');
    for (const batchSize of [1, 1, 3, 40]) emit('end-batch', { topic: 'rackeval.test.batch-sizes', partition: 0, batchSize });
    emit('end-batch', { topic: 'rackeval.test.batch-sizes', partition: 0, batchSize: 0 }); // only filtered records: nothing handled
    const after = await batchFigures('rackeval.test.batch-sizes');
    expect({ count: after.count - before.count, sum: after.sum - before.sum, upToTwo: after.upToTwo - before.upToTwo }).toEqual({
      count: 4,
      sum: 45,
      upToTwo: 2,
    });
  });
});

async function batchFigures(topic: string) {
  const metric = await register.getSingleMetric('rackeval_consumer_batch_records')!.get();
  const value = (name: string, le?: number) =>
    metric.values.find(
      (v) => (v as { metricName?: string }).metricName === name && v.labels.topic === topic && (le === undefined || v.labels.le === le),
    )?.value ?? 0;
  return {
    count: value('rackeval_consumer_batch_records_count'),
    sum: value('rackeval_consumer_batch_records_sum'),
    upToTwo: value('rackeval_consumer_batch_records_bucket', 2),
  };
}
