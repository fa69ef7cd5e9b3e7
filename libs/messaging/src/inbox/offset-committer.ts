import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { MESSAGING_SETTINGS, type MessagingSettings } from '../messaging.settings';

interface PartitionOffset {
  topic: string;
  partition: number;
  offset: bigint;
  /** The group generation in which the event was fetched. */
  generation: number;
}

/**
 * Commits consumed offsets to Kafka shortly after their events were applied, for all partitions in
 * one request, instead of one request per event: with about twenty events per rack crossing the
 * services, per-event commits cost as much as the work itself. Every 250 ms by default: at 50 ms the
 * commits were a large share of the broker's requests under load. A failed commit is tried again one
 * interval later (it once waited ten intervals, and at 500 ms the fault suite's paused member took
 * over 30 s to catch up after its rebalance, seed 333434). An offset is only handed over here
 * after its event's database transaction committed, so a crash before the commit lets Kafka
 * redeliver events the inbox already holds — they are recognised as duplicates, never applied
 * twice.
 *
 * Offsets are committed only in the group generation their events were fetched in. After every
 * rebalance kafkajs starts each assigned partition again from its committed offset, so what was
 * applied but not committed before it is simply delivered again. Committing it later instead could
 * move a partition backwards: a paused member's commit fails, the partition is handled by another
 * member meanwhile, and when it comes back the old offset would overwrite the newer one, leaving lag
 * no new event clears (fault suite, pause, seed 562582).
 */
/**
 * kafkajs error types for a commit from a member the group has dropped or is about to re-form
 * without (it must rejoin, which starts a new generation).
 */
const OUT_OF_GROUP = new Set(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'FENCED_INSTANCE_ID']);

/** Whether the error, or what kafkajs wrapped in it (its retrier gives up with the broker's error as `cause`), is one of those. */
function outOfGroup(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.type && OUT_OF_GROUP.has(e.type)) return true;
  return false;
}

@Injectable()
export class OffsetCommitter implements BeforeApplicationShutdown {
  static readonly DEFAULT_INTERVAL_MS = 250;
  /** How long applied offsets wait to be committed together. */
  readonly intervalMs: number;
  private readonly logger = new Logger(OffsetCommitter.name);
  private readonly pending = new Map<string, PartitionOffset>();
  private currentGeneration = 0;
  private consumer?: Consumer;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private closed = false;
  /** The generation whose offsets were last dropped as out of the group. */
  private droppedIn?: number;

  constructor(@Optional() @Inject(MESSAGING_SETTINGS) settings?: Pick<MessagingSettings, 'offsetCommitIntervalMs'>) {
    this.intervalMs = settings?.offsetCommitIntervalMs ?? OffsetCommitter.DEFAULT_INTERVAL_MS;
  }

  /** The consumer group generation this member is in now; the inbox notes it as it takes each record. */
  get generation(): number {
    return this.currentGeneration;
  }

  /**
   * Records that every event before `next` on the partition has been applied. An event fetched in an
   * earlier generation is not committed: the partition's owner now delivers it again.
   */
  applied(consumer: Consumer, topic: string, partition: number, next: bigint, generation = this.currentGeneration): void {
    if (generation !== this.currentGeneration) return;
    this.consumer = consumer;
    const key = `${topic}\u0000${partition}`;
    const known = this.pending.get(key);
    if (!known || known.offset < next) this.pending.set(key, { topic, partition, offset: next, generation });
    this.schedule(this.intervalMs);
  }

  /**
   * The member (re)joined its group with a new assignment: a new generation. What is pending was
   * applied in the last one and is forgotten; kafkajs resumes every assigned partition from its
   * committed offset, so those events come again and are recognised as duplicates.
   */
  rejoined(): void {
    this.currentGeneration += 1;
    this.pending.clear();
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer ??= setTimeout(() => void this.flush(), ms).unref();
  }

  /** Commits what is pending now (waiting for a commit already under way first). */
  async flush(): Promise<void> {
    this.timer = undefined;
    await this.flushing;
    if (!this.pending.size || !this.consumer) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    const consumer = this.consumer;
    this.flushing = consumer
      .commitOffsets(batch.map(({ topic, partition, offset }) => ({ topic, partition, offset: offset.toString() })))
      .catch((error: Error) => {
        if (outOfGroup(error)) return this.outOfGroup(error);
        // Kept for the next commit unless a later offset arrived meanwhile or the group moved on to a
        // new generation (then the partition starts again from its committed offset); redelivery is harmless.
        this.logger.warn(`committing offsets failed, will retry: ${error.message}`);
        for (const entry of batch) {
          const key = `${entry.topic}\u0000${entry.partition}`;
          if (entry.generation === this.currentGeneration && !this.pending.has(key)) this.pending.set(key, entry);
        }
        this.schedule(this.intervalMs);
      });
    await this.flushing;
  }

  /**
   * The broker no longer counts this member in the generation the offsets belong to: no retry can
   * succeed, and after it rejoins its partitions start again from their committed offsets, so the
   * offsets are dropped (said once per generation, not every interval until the rejoin).
   */
  private outOfGroup(error: Error): void {
    if (this.droppedIn === this.currentGeneration) return;
    this.droppedIn = this.currentGeneration;
    this.logger.warn(
      `this member is out of its consumer group (${error.message}): applied offsets are dropped, their events come again after it rejoins`,
    );
  }

  /** While the consumer is still connected (Nest closes it after this hook); never holds shutdown up long. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flushWithin(5_000);
  }

  /** The last commit, once the consumer has stopped handing over offsets and before it leaves its group. */
  async close(): Promise<void> {
    await this.flushWithin(5_000);
    this.closed = true;
    clearTimeout(this.timer);
  }

  private async flushWithin(ms: number): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise((resolve) => (timeout = setTimeout(resolve, ms)))]);
    clearTimeout(timeout);
  }
}
