import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { CloudEvent, eventDefinition, fromKafkaRecord, validatePayload, verifyProducer } from '@rackeval/contracts';
import type { Consumer } from 'kafkajs';
import { Counter, Histogram } from 'prom-client';
import { EntityManager } from 'typeorm';
import { eventArrivals } from '../arrivals/event-arrivals';
import { ConsumerMonitor } from '../consumer/consumer-monitor';
import { runWithContext } from '../context/message-context';
import { NamedStatement } from '../database/named-statement';
import { MESSAGING_HOOKS, MESSAGING_SETTINGS, MessagingHooks, MessagingSettings } from '../messaging.settings';
import { metric } from '../metrics';
import { UnitOfWork } from '../outbox/unit-of-work';
import { DeadLetterPublisher, FailedRecord } from './dead-letter.publisher';
import { EventHandler } from './event-handler';
import { isInfrastructureError } from './failure-classification';
import { inConsumerSpan } from '../tracing/trace-propagation';
import { OffsetCommitter } from './offset-committer';
import { RETRY_POLICY, RetryPolicy } from './retry-policy';

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'unknown-version' | 'dead-lettered';

const consumed = metric(
  'rackeval_events_consumed_total',
  () => new Counter({ name: 'rackeval_events_consumed_total', help: 'Events handled by the inbox', labelNames: ['type', 'outcome'] }),
);
const retried = metric(
  'rackeval_events_retried_total',
  () =>
    new Counter({ name: 'rackeval_events_retried_total', help: 'Failed attempts that were scheduled again', labelNames: ['type', 'kind'] }),
);

/** Seconds, from a millisecond to a minute: an event applied at once, and one that waited out a retry or a backlog. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const delivery = metric(
  'rackeval_event_delivery_seconds',
  () =>
    new Histogram({
      name: 'rackeval_event_delivery_seconds',
      help: "Applied events: from the record's Kafka timestamp (its relay sending it) to this inbox receiving the delivery it was applied from",
      labelNames: ['type'],
      buckets: LATENCY_BUCKETS,
    }),
);
const applying = metric(
  'rackeval_event_apply_seconds',
  () =>
    new Histogram({
      name: 'rackeval_event_apply_seconds',
      help: 'Applied events: from this inbox receiving the record to the commit of its transaction',
      labelNames: ['type'],
      buckets: LATENCY_BUCKETS,
    }),
);

/**
 * The idempotent consumer. For each Kafka message it:
 * 1. decodes the CloudEvents record, checks that the topic's producing service sent it (`ce_source`)
 *    and validates the payload against its contract;
 * 2. in one transaction, records the event id (a duplicate stops here) and applies the handler,
 *    whose own events go to the outbox in that same transaction;
 * 3. only after that commit, hands the offset to the `OffsetCommitter`.
 * A failed event is retried later without holding anything up: its partition is paused and
 * rewound to it, and resumed after a backoff, while the other partitions go on. A slow event
 * likewise holds up only its own partition. Infrastructure
 * failures are retried for as long as they last; only an event that fails by itself goes to the
 * dead-letter topic. Nothing here throws back into the transport.
 */
@Injectable()
export class EventInbox {
  /** A handler slower than this lets the fetch go on without its partition. */
  static readonly SLOW_MS = 500;
  private readonly logger = new Logger(EventInbox.name);
  /** Failed attempts of the event each partition is waiting on. */
  private readonly attempts = new Map<string, { offset: string; count: number }>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly offsets: OffsetCommitter,
    private readonly monitor: ConsumerMonitor,
    @Inject(RETRY_POLICY) private readonly retryPolicy: RetryPolicy,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Optional() @Inject(MESSAGING_HOOKS) private readonly hooks: MessagingHooks = {},
  ) {}

  async consume(context: KafkaContext, handlers: EventHandler[]): Promise<void> {
    const received = Date.now();
    const message = context.getMessage();
    const record: FailedRecord = {
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
      key: message.key as Buffer | string | null,
      value: message.value as Buffer | string | null,
      headers: (message.headers ?? {}) as Record<string, unknown>,
    };
    const consumer = context.getConsumer();
    // The generation the record was fetched in: if the group rebalances while it is handled, its
    // offset is not committed (the partition's owner delivers it again).
    const handled = this.handle(record, handlers, consumer, this.offsets.generation, { sent: Number(message.timestamp), received });
    let timer: NodeJS.Timeout | undefined;
    const slow = await Promise.race([
      handled.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), EventInbox.SLOW_MS))),
    ]);
    clearTimeout(timer);
    if (!slow) return;
    // kafkajs fetches again only once every partition's batch is done: a slow event would hold up the
    // other partitions. Its own partition waits alone (paused at it) until it is finished.
    holdPartition(consumer, record);
    // Not awaited, so the other partitions go on; handle() settles every failure itself (retry or dead letter).
    void handled.then((retrying) => retrying || resumePartition(consumer, record));
  }

  /** Applies the event (or settles its failure) to the end; true when another attempt is scheduled. */
  private async handle(
    record: FailedRecord,
    handlers: EventHandler[],
    consumer: Consumer,
    generation: number,
    times: { sent: number; received: number },
  ): Promise<boolean> {
    let outcome: Outcome;
    try {
      outcome = await inConsumerSpan(this.settings.serviceName, record.topic, record.headers, () => this.processOnce(record, handlers));
    } catch (error) {
      const settled = await this.settleFailure(record, error, consumer);
      if (!settled) return true;
      outcome = settled;
    }
    this.attempts.delete(partitionKey(record));
    this.monitor.retryEnded(record.topic, record.partition);
    consumed.inc({ type: eventType(record), outcome });
    if (outcome === 'applied') {
      const type = eventType(record);
      // A producer's clock a little ahead of this one must not make a negative duration.
      if (Number.isFinite(times.sent)) delivery.observe({ type }, Math.max(0, times.received - times.sent) / 1000);
      applying.observe({ type }, (Date.now() - times.received) / 1000);
    }
    this.offsets.applied(consumer, record.topic, record.partition, BigInt(record.offset) + 1n, generation);
    return false;
  }

  private async processOnce(record: FailedRecord, handlers: EventHandler[]): Promise<Outcome> {
    // A type none of this service's handlers knows in any version is skipped on its header alone:
    // about half of what a service reads on a shared topic is for others, and decoding, verifying
    // and validating those would be wasted. Without a ce_type header the record is decoded (and
    // dead-lettered) as before; a handled type with a version this build lacks is still warned about.
    const type = record.headers.ce_type;
    if (type !== undefined && !handlesFamily(handlers, String(type))) return 'ignored';
    const event = fromKafkaRecord(record);
    // Only the topic's own service may have said this (ce_source); anything else is dead-lettered.
    verifyProducer(record.topic, event);
    const handler = handlers.find((candidate) => candidate.definition.type === event.type);
    if (!handler || !eventDefinition(event.type)) return this.unhandled(event.type, handlers, record);
    const typed = { ...event, data: validatePayload(handler.definition, event.data, 'consume') };
    const applied = await this.applyOnce(typed, handler, record);
    if (applied) {
      eventArrivals.applied(typed);
      await this.hooks.afterConsumerCommit?.(event.id);
    }
    return applied ? 'applied' : 'duplicate';
  }

  /** A version of a handled type that this build does not know is worth a warning: it may be a deployment out of step. */
  private unhandled(type: string, handlers: EventHandler[], record: FailedRecord): Outcome {
    if (!handlesFamily(handlers, type)) return 'ignored';
    this.logger.warn(`event ${type} at ${where(record)} has a version this service does not handle; skipped`);
    return 'unknown-version';
  }

  /**
   * Dead-letters an event that failed for good (returns the outcome), or schedules another attempt
   * (returns undefined: the offset is not handed over, the partition waits).
   */
  private async settleFailure(record: FailedRecord, error: unknown, consumer: Consumer): Promise<Outcome | undefined> {
    const key = partitionKey(record);
    const previous = this.attempts.get(key);
    const count = previous?.offset === record.offset ? previous.count + 1 : 1;
    this.attempts.set(key, { offset: record.offset, count });
    let failure = error;
    let delay = this.retryPolicy.nextDelay(error, count);
    if (delay === undefined) {
      try {
        await this.deadLetters.publish(record, error, count);
        return 'dead-lettered';
      } catch (deadLetterError) {
        // The event stays where it is until its dead letter can be written.
        failure = deadLetterError;
        delay = this.retryPolicy.nextDelay(deadLetterError, count) ?? 5_000;
      }
    }
    const infrastructure = isInfrastructureError(failure);
    retried.inc({ type: eventType(record), kind: infrastructure ? 'infrastructure' : 'event' });
    this.monitor.retryScheduled(record.topic, record.partition, count, infrastructure, failure);
    this.logger.warn(
      `event at ${where(record)} failed (attempt ${count}${infrastructure ? ', infrastructure' : ''}), retry in ${delay} ms: ${String(failure)}`,
    );
    retryLater(consumer, record, delay);
    return undefined;
  }

  /** Records the event id and applies the handler in one transaction; false when already applied. */
  private async applyOnce(event: CloudEvent<object>, handler: EventHandler, record: FailedRecord): Promise<boolean> {
    return runWithContext({ correlationId: event.correlationid, causationId: event.id }, () =>
      this.unitOfWork.run(async (tx) => {
        if (!(await recordEventId(tx.manager, event, record))) return false;
        await handler.apply(event, tx);
        return true;
      }),
    );
  }
}

/**
 * Pauses the partition and rewinds it to the failed event, so kafkajs skips the rest of its batch
 * and fetches the other partitions meanwhile; resumes after `delay`, when the event comes again.
 */
function retryLater(consumer: Consumer, record: FailedRecord, delay: number): void {
  const partitions = [{ topic: record.topic, partitions: [record.partition] }];
  try {
    consumer.pause(partitions);
    consumer.seek({ topic: record.topic, partition: record.partition, offset: record.offset });
  } catch {
    // The consumer is stopping or rebalancing: its next owner starts from the committed offset anyway.
  }
  setTimeout(() => {
    try {
      consumer.resume(partitions);
    } catch {
      // Stopped or rebuilt meanwhile: nothing to resume; a new consumer starts unpaused.
    }
  }, delay).unref();
}

/**
 * Pauses the partition and rewinds it to the event being handled, so the rest of its batch waits for
 * it; once resumed, the event comes again and is recognised as a duplicate, and its offset is
 * committed then. Never past it: kafkajs applies a seek at its next fetch, and if the group
 * rebalances first that fetch belongs to the new generation, where the offsets applied in the old
 * one are not committed; a partition started past its last event would keep that lag for good.
 */
function holdPartition(consumer: Consumer, record: FailedRecord): void {
  try {
    consumer.pause([{ topic: record.topic, partitions: [record.partition] }]);
    consumer.seek({ topic: record.topic, partition: record.partition, offset: record.offset });
  } catch {
    // The consumer is stopping or rebalancing: its next owner starts from the committed offset anyway.
  }
}

function resumePartition(consumer: Consumer, record: FailedRecord): void {
  try {
    consumer.resume([{ topic: record.topic, partitions: [record.partition] }]);
  } catch {
    // Stopped or rebuilt meanwhile: a new consumer starts unpaused.
  }
}

/** The event's id, once: a redelivered event finds its row and is not applied again. */
const RECORD_EVENT_ID = new NamedStatement(
  'inbox_record_event_id',
  `INSERT INTO inbox_event (event_id, event_type, source, topic, partition, kafka_offset)
   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
);

async function recordEventId(manager: EntityManager, event: CloudEvent<object>, record: FailedRecord): Promise<boolean> {
  const inserted = await RECORD_EVENT_ID.rows(manager, [event.id, event.type, event.source, record.topic, record.partition, record.offset]);
  return inserted.length === 1;
}

const partitionKey = (record: FailedRecord) => `${record.topic}[${record.partition}]`;
const where = (record: FailedRecord) => `${partitionKey(record)}@${record.offset}`;
const familyOf = (type: string) => type.replace(/\.v\d+$/, '');
/** Whether any handler takes some version of `type` (rackeval.x.y.v2 and .v1 are one family). */
const handlesFamily = (handlers: EventHandler[], type: string) =>
  handlers.some((handler) => familyOf(handler.definition.type) === familyOf(type));
const eventType = (record: FailedRecord) => String(record.headers.ce_type ?? 'unknown');
