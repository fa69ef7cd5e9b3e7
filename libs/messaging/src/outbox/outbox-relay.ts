import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { KafkaConnection } from '../kafka/kafka-connection';
import { MESSAGING_HOOKS, MESSAGING_SETTINGS, MessagingHooks, MessagingSettings } from '../messaging.settings';
import { OutboxRepository, OutboxRow } from './outbox.repository';
import { metric } from '../metrics';
import { endWithError, startPublishSpan } from '../tracing/trace-propagation';

const published = metric(
  'rackeval_outbox_published_total',
  () => new Counter({ name: 'rackeval_outbox_published_total', help: 'Events the outbox relay published to Kafka' }),
);

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them published.
 *
 * One relay per service publishes at a time: the holder of a lease row it renews on every pass,
 * so per-key order holds with several instances. No transaction stays open across a Kafka send: a
 * frozen holder blocks nobody once its lease expires, and another instance takes over. A batch that
 * reached Kafka but was not marked (crash, takeover) is sent again: delivery is at-least-once and
 * the consumers' inbox makes it effectively once. Woken right after a commit; polls as a fallback.
 *
 * Two things keep its statements few under load. A full batch is marked by the statement that
 * claims the next one (the loop goes on at once), so a busy relay runs one statement per batch.
 * A wake that arrived before a claim was read is covered by that claim, so it does not cause an
 * extra, empty pass; only a commit after the claim does.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  /** Wake-ups requested so far, and how many of them the latest claim already covered. */
  private wakes = 0;
  private coveredWakes = 0;
  /** Published to Kafka and acked, marked by the next claim (or at shutdown). */
  private unmarked: string[] = [];
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Optional() @Inject(MESSAGING_HOOKS) private readonly hooks: MessagingHooks = {},
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.runLoop();
  }

  /** Stops before the connection pool and the producer close (they shut down later). */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    if (this.unmarked.length) await OutboxRepository.markPublished(this.dataSource.manager, this.unmarked).catch(() => undefined);
    await OutboxRepository.releaseLease(this.dataSource.manager, this.leaseName, this.holder).catch(() => undefined);
  }

  private get leaseName(): string {
    return `outbox-relay:${this.settings.serviceName}`;
  }

  /** Called after a transaction with events commits, so they leave in milliseconds, not a poll later. */
  wake(): void {
    this.wakes += 1;
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many rows it published (0 when idle or another instance holds the lease). */
  async relayOnce(): Promise<number> {
    const leaseMs = this.settings.outboxLeaseMs;
    const wakes = this.wakes;
    const rows = await OutboxRepository.markAndClaim(
      this.dataSource.manager,
      { name: this.leaseName, holder: this.holder, leaseMs },
      this.settings.outboxBatchSize,
      this.unmarked,
    );
    this.unmarked = [];
    this.coveredWakes = wakes;
    if (!rows?.length) return 0;
    const claimedAt = Date.now();
    await this.hooks.beforeRelaySend?.(rows.map((row) => row.event_id));
    // Frozen between claim and send (SIGSTOP, a long GC pause): another instance may hold the lease now.
    if (Date.now() - claimedAt > leaseMs / 2) return 0;
    await this.send(rows);
    const ids = rows.map((row) => row.event_id);
    await this.hooks.afterRelayPublish?.(ids);
    // A full batch means more is waiting: the next pass starts at once and marks this one as it claims.
    if (rows.length === this.settings.outboxBatchSize) this.unmarked = ids;
    else await OutboxRepository.markPublished(this.dataSource.manager, ids);
    return rows.length;
  }

  private async runLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const count = await this.relayOnce();
        published.inc(count);
        failures = 0;
        if (count === this.settings.outboxBatchSize) continue;
      } catch (error) {
        failures += 1;
        // The retry after the backoff claims whatever those wake-ups were for.
        this.coveredWakes = this.wakes;
        this.logger.warn(`outbox relay failed (attempt ${failures}), will retry: ${(error as Error).message}`);
      }
      await this.idle(failures ? Math.min(this.settings.outboxPollMs * 2 ** failures, 10_000) : this.settings.outboxPollMs);
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    try {
      await this.sendBatch(rows);
    } catch (error) {
      // An idempotent producer that failed may be fenced or out of sequence for good: start afresh.
      await this.kafka.resetProducer();
      throw error;
    }
  }

  private async sendBatch(rows: OutboxRow[]): Promise<void> {
    const producer = await this.kafka.producer();
    // One publish span per row, child of the trace that wrote it; its context travels in the headers.
    const traced = rows.map((row) => ({ row, ...startPublishSpan(this.settings.serviceName, row.topic, row.headers) }));
    const byTopic = new Map<string, typeof traced>();
    for (const entry of traced) byTopic.set(entry.row.topic, [...(byTopic.get(entry.row.topic) ?? []), entry]);
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, entries]) => ({
          topic,
          messages: entries.map(({ row, headers }) => ({ key: row.partition_key, value: row.payload, headers })),
        })),
      });
    } catch (error) {
      for (const { span } of traced) endWithError(span, error);
      throw error;
    } finally {
      for (const { span } of traced) span.end();
    }
  }

  /** Waits `ms`, or less if woken; a wake the latest claim did not cover makes it return at once. */
  private idle(ms: number): Promise<void> {
    if (this.wakes > this.coveredWakes || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
