import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { KafkaConnection } from '../kafka/kafka-connection';
import { MESSAGING_HOOKS, MESSAGING_SETTINGS, MessagingHooks, MessagingSettings } from '../messaging.settings';
import { OutboxRepository, OutboxRow } from './outbox.repository';
import { metric } from '../metrics';

const published = metric(
  'rackeval_outbox_published_total',
  () => new Counter({ name: 'rackeval_outbox_published_total', help: 'Events the outbox relay published to Kafka' }),
);

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them published.
 *
 * One relay per service publishes at a time (a transaction-scoped advisory lock), so per-key order
 * holds even with several instances. If the process dies after Kafka acknowledged a batch but
 * before the mark commits, the batch is sent again on restart: delivery is at-least-once and the
 * consumers' inbox makes it effectively once. Woken right after a commit; polls as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private wakeRequested = false;

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
  }

  /** Called after a transaction with events commits, so they leave in milliseconds, not a poll later. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many rows it published (0 when idle or another instance holds the lock). */
  async relayOnce(): Promise<number> {
    const lockKey = `outbox-relay:${this.settings.serviceName}`;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [lockKey]);
      if (!locked) return 0;
      const rows = await OutboxRepository.claim(manager, this.settings.outboxBatchSize);
      if (!rows.length) return 0;
      await this.send(rows);
      const ids = rows.map((row) => row.event_id);
      await this.hooks.afterRelayPublish?.(ids);
      await OutboxRepository.markPublished(manager, ids);
      return rows.length;
    });
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
        this.logger.warn(`outbox relay failed (attempt ${failures}), will retry: ${(error as Error).message}`);
      }
      await this.idle(failures ? Math.min(this.settings.outboxPollMs * 2 ** failures, 10_000) : this.settings.outboxPollMs);
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const producer = await this.kafka.producer();
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicRows]) => ({
        topic,
        messages: topicRows.map((row) => ({ key: row.partition_key, value: row.payload, headers: row.headers })),
      })),
    });
  }

  /** Waits `ms`, or less if woken; a wake that arrived while busy makes it return at once. */
  private idle(ms: number): Promise<void> {
    if (this.wakeRequested || !this.running) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
