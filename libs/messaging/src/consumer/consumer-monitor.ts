import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { Gauge, Histogram } from 'prom-client';
import { MESSAGING_SETTINGS, type MessagingSettings } from '../messaging.settings';
import { metric } from '../metrics';

export type ConsumerState = 'starting' | 'joined' | 'rebalancing' | 'crashed' | 'stopped';

interface Retrying {
  since: number;
  attempts: number;
  infrastructure: boolean;
  error: string;
}

export interface ProbeResult {
  ok: boolean;
  reasons: string[];
}

const pausedGauge = metric(
  'rackeval_consumer_partitions_retrying',
  () =>
    new Gauge({ name: 'rackeval_consumer_partitions_retrying', help: 'Partitions paused while an event is retried', labelNames: ['kind'] }),
);

/**
 * Records per fetched partition batch: how much one transaction per batch (rather than per event)
 * could save depends on it, and under load it shows whether a consumer keeps up (batches of one) or falls behind.
 */
const batchSize = metric(
  'rackeval_consumer_batch_records',
  () =>
    new Histogram({
      name: 'rackeval_consumer_batch_records',
      help: 'Records in each partition batch the consumer fetched and handled',
      labelNames: ['topic'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    }),
);

/**
 * What the service's Kafka consumer is doing, for readiness and liveness: whether it is a member of
 * its group, when it last fetched, and which partitions are paused on a retried event. A process
 * that answers HTTP but consumes nothing must not look healthy.
 */
@Injectable()
export class ConsumerMonitor {
  /** A fetch loop idle this long is held up (fetches return every ~100 ms): not ready. */
  static readonly FETCH_LATE_MS = 30_000;
  /** Idle this long, it is stuck for good: not alive, so the supervisor restarts the process. */
  static readonly FETCH_DEAD_MS = 300_000;
  /** kafkajs's default session timeout, when the settings do not say. */
  static readonly DEFAULT_SESSION_TIMEOUT_MS = 30_000;
  state: ConsumerState = 'starting';
  private lastFetchAt = 0;
  private lastHeartbeatAt = 0;
  private readonly sessionTimeoutMs: number;
  private assignment: Record<string, number[]> = {};
  private readonly retrying = new Map<string, Retrying>();
  private onJoin: Array<(assignment: Record<string, number[]>) => void> = [];

  constructor(@Optional() @Inject(MESSAGING_SETTINGS) settings?: Pick<MessagingSettings, 'sessionTimeoutMs'>) {
    this.sessionTimeoutMs = settings?.sessionTimeoutMs ?? ConsumerMonitor.DEFAULT_SESSION_TIMEOUT_MS;
  }

  attach(consumer: Consumer): void {
    const { events } = consumer;
    consumer.on(events.GROUP_JOIN, ({ payload }) => {
      this.state = 'joined';
      this.lastFetchAt = Date.now();
      this.lastHeartbeatAt = Date.now();
      this.assignment = payload.memberAssignment as Record<string, number[]>;
      for (const key of [...this.retrying.keys()]) if (!this.assigned(key)) this.retrying.delete(key);
      this.updateGauge();
      for (const listener of this.onJoin) listener(this.assignment);
    });
    consumer.on(events.REBALANCING, () => (this.state = 'rebalancing'));
    consumer.on(events.FETCH_START, () => (this.lastFetchAt = Date.now()));
    consumer.on(events.HEARTBEAT, () => (this.lastHeartbeatAt = Date.now()));
    consumer.on(events.CRASH, () => (this.state = 'crashed'));
    consumer.on(events.STOP, () => (this.state = 'stopped'));
    consumer.on(events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize > 0) batchSize.observe({ topic: payload.topic }, payload.batchSize);
    });
  }

  /** Called with each new assignment (e.g. so offsets applied in the group's last generation are forgotten). */
  onAssignment(listener: (assignment: Record<string, number[]>) => void): void {
    this.onJoin.push(listener);
  }

  retryScheduled(topic: string, partition: number, attempts: number, infrastructure: boolean, error: unknown): void {
    const key = `${topic}[${partition}]`;
    const since = this.retrying.get(key)?.since ?? Date.now();
    this.retrying.set(key, { since, attempts, infrastructure, error: error instanceof Error ? error.message : String(error) });
    this.updateGauge();
  }

  retryEnded(topic: string, partition: number): void {
    if (this.retrying.delete(`${topic}[${partition}]`)) this.updateGauge();
  }

  /** Ready to take traffic: a member of its group, fetching, and no partition held up by the database or broker. */
  readiness(now = Date.now()): ProbeResult {
    const reasons = this.liveness(now).reasons;
    if (this.state === 'starting') reasons.push('consumer has not joined its group yet');
    if (this.state === 'rebalancing') reasons.push('consumer group is rebalancing');
    if (this.state === 'stopped') reasons.push('consumer stopped');
    const idle = now - this.lastFetchAt;
    if (this.state === 'joined' && idle > ConsumerMonitor.FETCH_LATE_MS && idle <= ConsumerMonitor.FETCH_DEAD_MS) {
      reasons.push(`no fetch for ${Math.round(idle / 1000)} s`);
    }
    // Past its session timeout without a heartbeat the coordinator has dropped this member, whatever
    // kafkajs still believes while it retries a re-join (seen after a frozen broker came back).
    const silent = now - this.lastHeartbeatAt;
    if (this.state === 'joined' && silent > this.sessionTimeoutMs) {
      reasons.push(
        `no heartbeat for ${Math.round(silent / 1000)} s (session timeout ${Math.round(this.sessionTimeoutMs / 1000)} s): not a member of its group`,
      );
    }
    for (const [key, retry] of this.retrying) {
      if (retry.infrastructure)
        reasons.push(`${key} paused since ${new Date(retry.since).toISOString()}, retrying (${retry.attempts}): ${retry.error}`);
    }
    return { ok: reasons.length === 0, reasons };
  }

  /**
   * Why the consumer is wedged, or undefined: kafkajs believes it is a member of its group, yet no
   * heartbeat went out for two session timeouts, so the coordinator dropped it long ago and kafkajs
   * is not getting back in (seen after a frozen broker came back on a busy machine). Nothing gets
   * consumed until the consumer is built again (ResilientKafkaServer does that).
   */
  wedged(now = Date.now()): string | undefined {
    const silent = now - this.lastHeartbeatAt;
    if (this.state !== 'joined' || silent <= 2 * this.sessionTimeoutMs) return undefined;
    return `no heartbeat for ${Math.round(silent / 1000)} s, twice the session timeout (${Math.round(this.sessionTimeoutMs / 1000)} s)`;
  }

  /** The consumer is being built again: it is not a member until it joins. */
  rebuilding(): void {
    this.state = 'starting';
  }

  /** Alive unless the consumer crashed for good or its fetch loop stopped turning. */
  liveness(now = Date.now()): ProbeResult {
    const reasons: string[] = [];
    if (this.state === 'crashed') reasons.push('consumer crashed');
    if (this.state === 'joined' && now - this.lastFetchAt > ConsumerMonitor.FETCH_DEAD_MS) {
      reasons.push(`no fetch for ${Math.round((now - this.lastFetchAt) / 1000)} s`);
    }
    return { ok: reasons.length === 0, reasons };
  }

  private assigned(key: string): boolean {
    const match = /^(.*)\[(\d+)\]$/.exec(key);
    return !!match && (this.assignment[match[1]] ?? []).includes(Number(match[2]));
  }

  private updateGauge(): void {
    const values = [...this.retrying.values()];
    pausedGauge.set({ kind: 'infrastructure' }, values.filter((retry) => retry.infrastructure).length);
    pausedGauge.set({ kind: 'event' }, values.filter((retry) => !retry.infrastructure).length);
  }
}
