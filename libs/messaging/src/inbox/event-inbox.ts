import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CloudEvent, eventDefinition, fromKafkaRecord, validatePayload, verifyProducer } from '@rackeval/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
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

/** A record the inbox has decoded and checked: the event and its handler, or what it skips it as. */
type Prepared = { record: InboxRecord } & (
  { event: CloudEvent<object>; handler: EventHandler } | { event?: undefined; outcome: 'ignored' | 'unknown-version' }
);

/** One partition's share of a fetch, as the transport hands it over (kafkajs `eachBatch`). */
export type Delivery = Pick<EachBatchPayload, 'batch' | 'resolveOffset' | 'isRunning'>;

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
 * The idempotent consumer. It takes each partition's share of a fetch in order, and for each record:
 * 1. decodes the CloudEvents record, checks that the topic's producing service sent it (`ce_source`)
 *    and validates the payload against its contract;
 * 2. in one transaction, records the event id (a duplicate stops here) and applies the handler,
 *    whose own events go to the outbox in that same transaction;
 * 3. only after that commit, hands the offset to the `OffsetCommitter`.
 * Consecutive records of a partition that pass step 1 are applied together, up to `GROUP_MAX`, in
 * one transaction: one commit instead of one per event. If that transaction fails for any reason,
 * nothing of it is kept and each of its records is applied alone, so a failure belongs to its one
 * event as if records were never grouped.
 * A failed event is retried later without holding anything up: its partition is paused and
 * rewound to it, and resumed after a backoff, while the other partitions go on. A slow delivery
 * likewise holds up only its own partition. Infrastructure
 * failures are retried for as long as they last; only an event that fails by itself goes to the
 * dead-letter topic. Nothing here throws back into the transport.
 */
@Injectable()
export class EventInbox {
  /** A delivery slower than this lets the fetch go on without its partition. */
  static readonly SLOW_MS = 500;
  /** The most records applied in one transaction. */
  static readonly GROUP_MAX = 100;
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

  /** Applies one partition's delivery in order (or settles each failure), with the topic's handlers. */
  async consume({ batch, resolveOffset, isRunning }: Delivery, handlers: EventHandler[], consumer: Consumer): Promise<void> {
    const received = Date.now();
    const records = batch.messages.map((message) => recordOf(batch.topic, batch.partition, message));
    for (const record of records) this.hooks.beforeInbox?.(record);
    // The generation the records were fetched in: if the group rebalances while they are handled,
    // their offsets are not committed (the partition's owner delivers them again).
    const progress: Progress = { next: 0, held: false, generation: this.offsets.generation, received };
    const settle = (record: InboxRecord) => {
      progress.next += 1;
      // Once held, the partition starts again where it was held, whatever kafkajs was told.
      if (!progress.held) resolveOffset(record.offset);
    };
    const handled = this.consumeInOrder(records, handlers, consumer, progress, settle, isRunning);
    let timer: NodeJS.Timeout | undefined;
    const slow = await Promise.race([
      handled.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), EventInbox.SLOW_MS))),
    ]);
    clearTimeout(timer);
    if (!slow) return;
    // kafkajs fetches again only once every partition's delivery is done: a slow one would hold up the
    // other partitions. Its own partition waits alone (paused at its first record not yet settled)
    // until the records in hand are finished.
    progress.held = true;
    holdPartition(consumer, records[Math.min(progress.next, records.length - 1)]);
    // Not awaited, so the other partitions go on; handle() settles every failure itself (retry or dead letter).
    void handled.then((retrying) => retrying || resumePartition(consumer, records[0]));
  }

  /** Works through the records from `progress.next`; true when a retry is scheduled (the rest waits for it). */
  private async consumeInOrder(
    records: InboxRecord[],
    handlers: EventHandler[],
    consumer: Consumer,
    progress: Progress,
    settle: (record: InboxRecord) => void,
    running: () => boolean,
  ): Promise<boolean> {
    while (progress.next < records.length && running()) {
      const { group, failing } = this.prepareGroup(records, progress.next, handlers);
      if (group.length > 0 && (await this.applyGroup(group, consumer, progress))) {
        for (const { record } of group) settle(record);
      } else {
        // Alone: a group of one, or a group whose transaction failed (rolled back as a whole).
        for (const { record } of group) {
          if (await this.handle(record, handlers, consumer, progress)) return true;
          settle(record);
        }
      }
      if (failing) {
        if (await this.handle(failing, handlers, consumer, progress)) return true;
        settle(failing);
      }
      // A held partition is delivered again from where it was held, once these records are done.
      if (progress.held) return false;
    }
    return false;
  }

  /**
   * The records from `from` on that decode and pass their checks, up to `GROUP_MAX`, and the first
   * that does not (it is handled alone, which settles its failure).
   */
  private prepareGroup(records: InboxRecord[], from: number, handlers: EventHandler[]): { group: Prepared[]; failing?: InboxRecord } {
    const group: Prepared[] = [];
    for (let index = from; index < records.length && group.length < EventInbox.GROUP_MAX; index += 1) {
      try {
        group.push(this.prepare(records[index], handlers));
      } catch {
        return { group, failing: records[index] };
      }
    }
    return { group };
  }

  /**
   * Applies a group's events in one transaction and settles the records it skips; false (nothing
   * kept) when it holds just one event to apply or the transaction failed: then each record is
   * handled alone.
   */
  private async applyGroup(group: Prepared[], consumer: Consumer, progress: Progress): Promise<boolean> {
    const work = group.filter((item): item is Prepared & { event: CloudEvent<object>; handler: EventHandler } => item.event !== undefined);
    if (work.length === 1) return false;
    let applied = new Set<Prepared>();
    if (work.length > 0) {
      try {
        applied = await this.unitOfWork.run(async (tx) => {
          const done = new Set<Prepared>();
          for (const item of work) {
            if (!(await recordEventId(tx.manager, item.event, item.record))) continue;
            await inConsumerSpan(this.settings.serviceName, item.record.topic, item.record.headers, () =>
              runWithContext({ correlationId: item.event.correlationid, causationId: item.event.id }, () =>
                item.handler.apply(item.event, tx),
              ),
            );
            done.add(item);
          }
          return done;
        });
      } catch {
        return false;
      }
    }
    for (const item of applied) {
      eventArrivals.applied(item.event!);
      await this.hooks.afterConsumerCommit?.(item.event!.id);
    }
    const last = group[group.length - 1].record;
    this.attempts.delete(partitionKey(last));
    this.monitor.retryEnded(last.topic, last.partition);
    for (const item of group) {
      const outcome: Outcome = item.event === undefined ? item.outcome : applied.has(item) ? 'applied' : 'duplicate';
      this.count(item.record, outcome, progress.received);
    }
    this.offsets.applied(consumer, last.topic, last.partition, BigInt(last.offset) + 1n, progress.generation);
    return true;
  }

  /** Applies the event (or settles its failure) to the end; true when another attempt is scheduled. */
  private async handle(record: InboxRecord, handlers: EventHandler[], consumer: Consumer, progress: Progress): Promise<boolean> {
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
    this.count(record, outcome, progress.received);
    this.offsets.applied(consumer, record.topic, record.partition, BigInt(record.offset) + 1n, progress.generation);
    return false;
  }

  private count(record: InboxRecord, outcome: Outcome, received: number): void {
    const type = eventType(record);
    consumed.inc({ type, outcome });
    if (outcome !== 'applied') return;
    const sent = Number(record.timestamp);
    // A producer's clock a little ahead of this one must not make a negative duration.
    if (Number.isFinite(sent)) delivery.observe({ type }, Math.max(0, received - sent) / 1000);
    applying.observe({ type }, (Date.now() - received) / 1000);
  }

  private async processOnce(record: InboxRecord, handlers: EventHandler[]): Promise<Outcome> {
    const prepared = this.prepare(record, handlers);
    if (prepared.event === undefined) return prepared.outcome;
    const applied = await this.applyOnce(prepared.event, prepared.handler, record);
    if (applied) {
      eventArrivals.applied(prepared.event);
      await this.hooks.afterConsumerCommit?.(prepared.event.id);
    }
    return applied ? 'applied' : 'duplicate';
  }

  /** Decodes and checks a record (throwing what makes it fail), or names why it is skipped. */
  private prepare(record: InboxRecord, handlers: EventHandler[]): Prepared {
    // A type none of this service's handlers knows in any version is skipped on its header alone:
    // about half of what a service reads on a shared topic is for others, and decoding, verifying
    // and validating those would be wasted. Without a ce_type header the record is decoded (and
    // dead-lettered) as before; a handled type with a version this build lacks is still warned about.
    const type = record.headers.ce_type;
    if (type !== undefined && !handlesFamily(handlers, String(type))) return { record, outcome: 'ignored' };
    const event = fromKafkaRecord(record);
    // Only the topic's own service may have said this (ce_source); anything else is dead-lettered.
    verifyProducer(record.topic, event);
    const handler = handlers.find((candidate) => candidate.definition.type === event.type);
    if (!handler || !eventDefinition(event.type)) return { record, outcome: this.unhandled(event.type, handlers, record) };
    return { record, event: { ...event, data: validatePayload(handler.definition, event.data, 'consume') }, handler };
  }

  /** A version of a handled type that this build does not know is worth a warning: it may be a deployment out of step. */
  private unhandled(type: string, handlers: EventHandler[], record: InboxRecord): 'ignored' | 'unknown-version' {
    if (!handlesFamily(handlers, type)) return 'ignored';
    this.logger.warn(`event ${type} at ${where(record)} has a version this service does not handle; skipped`);
    return 'unknown-version';
  }

  /**
   * Dead-letters an event that failed for good (returns the outcome), or schedules another attempt
   * (returns undefined: the offset is not handed over, the partition waits).
   */
  private async settleFailure(record: InboxRecord, error: unknown, consumer: Consumer): Promise<Outcome | undefined> {
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
  private async applyOnce(event: CloudEvent<object>, handler: EventHandler, record: InboxRecord): Promise<boolean> {
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
function retryLater(consumer: Consumer, record: InboxRecord, delay: number): void {
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
function holdPartition(consumer: Consumer, record: InboxRecord): void {
  try {
    consumer.pause([{ topic: record.topic, partitions: [record.partition] }]);
    consumer.seek({ topic: record.topic, partition: record.partition, offset: record.offset });
  } catch {
    // The consumer is stopping or rebalancing: its next owner starts from the committed offset anyway.
  }
}

function resumePartition(consumer: Consumer, record: InboxRecord): void {
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

async function recordEventId(manager: EntityManager, event: CloudEvent<object>, record: InboxRecord): Promise<boolean> {
  const inserted = await RECORD_EVENT_ID.rows(manager, [event.id, event.type, event.source, record.topic, record.partition, record.offset]);
  return inserted.length === 1;
}

/** A record as the inbox takes it: what a dead letter keeps, and when its producer sent it. */
interface InboxRecord extends FailedRecord {
  timestamp: string;
}

/** Where a partition's delivery stands while the inbox works through it. */
interface Progress {
  /** The index of the first record not yet settled (applied, skipped or dead-lettered). */
  next: number;
  /** Whether the partition was paused at `next` for being slow: it is delivered again from there. */
  held: boolean;
  generation: number;
  received: number;
}

function recordOf(topic: string, partition: number, message: KafkaMessage): InboxRecord {
  const { offset, key, value, headers, timestamp } = message;
  return { topic, partition, offset, key, value, headers: (headers ?? {}) as Record<string, unknown>, timestamp };
}

const partitionKey = (record: InboxRecord) => `${record.topic}[${record.partition}]`;
const where = (record: InboxRecord) => `${partitionKey(record)}@${record.offset}`;
const familyOf = (type: string) => type.replace(/\.v\d+$/, '');
/** Whether any handler takes some version of `type` (rackeval.x.y.v2 and .v1 are one family). */
const handlesFamily = (handlers: EventHandler[], type: string) =>
  handlers.some((handler) => familyOf(handler.definition.type) === familyOf(type));
const eventType = (record: InboxRecord) => String(record.headers.ce_type ?? 'unknown');
