import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { CloudEvent, eventDefinition, fromKafkaRecord, validatePayload } from '@rackeval/contracts';
import { Counter } from 'prom-client';
import { EntityManager } from 'typeorm';
import { runWithContext } from '../context/message-context';
import { MESSAGING_HOOKS, MessagingHooks } from '../messaging.settings';
import { metric } from '../metrics';
import { UnitOfWork } from '../outbox/unit-of-work';
import { DeadLetterPublisher, FailedRecord } from './dead-letter.publisher';
import { EventHandler } from './event-handler';
import { OffsetCommitter } from './offset-committer';
import { RETRY_POLICY, RetryPolicy } from './retry-policy';

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

const consumed = metric(
  'rackeval_events_consumed_total',
  () => new Counter({ name: 'rackeval_events_consumed_total', help: 'Events handled by the inbox', labelNames: ['type', 'outcome'] }),
);

/**
 * The idempotent consumer. For each Kafka message it:
 * 1. decodes the CloudEvents record and validates the payload against its contract;
 * 2. in one transaction, records the event id (a duplicate stops here) and applies the handler,
 *    whose own events go to the outbox in that same transaction;
 * 3. only after that commit, hands the offset to the `OffsetCommitter` (committed within ~50 ms,
 *    together with the other partitions').
 * A handler failure is retried with backoff; a poison message goes to the dead-letter topic and
 * the partition moves on. Nothing here throws back into the transport, which would block the
 * partition by redelivering the same message forever.
 */
@Injectable()
export class EventInbox {
  private readonly logger = new Logger(EventInbox.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly offsets: OffsetCommitter,
    @Inject(RETRY_POLICY) private readonly retryPolicy: RetryPolicy,
    @Optional() @Inject(MESSAGING_HOOKS) private readonly hooks: MessagingHooks = {},
  ) {}

  async consume(context: KafkaContext, handlers: EventHandler[]): Promise<void> {
    const message = context.getMessage();
    const record: FailedRecord = {
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
      key: message.key as Buffer | string | null,
      value: message.value as Buffer | string | null,
      headers: (message.headers ?? {}) as Record<string, unknown>,
    };
    const outcome = await this.process(record, handlers, context);
    consumed.inc({ type: String(record.headers.ce_type ?? 'unknown'), outcome });
    this.offsets.applied(context.getConsumer(), record.topic, record.partition, BigInt(record.offset) + 1n);
  }

  private async process(record: FailedRecord, handlers: EventHandler[], context: KafkaContext): Promise<Outcome> {
    let attempts = 0;
    for (;;) {
      attempts += 1;
      try {
        const event = fromKafkaRecord(record);
        const handler = handlers.find((candidate) => candidate.definition.type === event.type);
        if (!handler || !eventDefinition(event.type)) return 'ignored';
        const typed = { ...event, data: validatePayload(handler.definition, event.data, 'consume') };
        const applied = await this.applyOnce(typed, handler, record);
        if (applied) await this.hooks.afterConsumerCommit?.(event.id);
        return applied ? 'applied' : 'duplicate';
      } catch (error) {
        const delay = this.retryPolicy.nextDelay(error, attempts);
        if (delay === undefined) {
          await this.deadLetters.publish(record, error, attempts);
          return 'dead-lettered';
        }
        this.logger.warn(`event at ${record.topic}[${record.partition}]@${record.offset} failed, retry in ${delay} ms: ${String(error)}`);
        await sleepWithHeartbeat(delay, context);
      }
    }
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

async function recordEventId(manager: EntityManager, event: CloudEvent<object>, record: FailedRecord): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO inbox_event (event_id, event_type, source, topic, partition, kafka_offset)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [event.id, event.type, event.source, record.topic, record.partition, record.offset],
  );
  return inserted.length === 1;
}

async function sleepWithHeartbeat(ms: number, context: KafkaContext): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, deadline - Date.now())));
    await context.getHeartbeat()().catch(() => undefined);
  }
}
