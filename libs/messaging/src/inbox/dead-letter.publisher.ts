import { Inject, Injectable, Logger } from '@nestjs/common';
import { deadLetterTopic } from '@rackeval/contracts';
import { Counter } from 'prom-client';
import { KafkaConnection } from '../kafka/kafka-connection';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';
import { metric } from '../metrics';

export interface FailedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: Record<string, unknown>;
}

const deadLettered = metric(
  'rackeval_events_dead_lettered_total',
  () =>
    new Counter({
      name: 'rackeval_events_dead_lettered_total',
      help: 'Records written to the dead-letter topic',
      labelNames: ['type', 'topic'],
    }),
);

/** Parks a message the service could not process, with the original record and the error. */
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    private readonly kafka: KafkaConnection,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  get topic(): string {
    return deadLetterTopic(this.settings.serviceName);
  }

  async publish(record: FailedRecord, error: unknown, attempts: number): Promise<void> {
    const failure = error instanceof Error ? error : new Error(String(error));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.headers ?? {})) {
      if (value !== undefined && value !== null) headers[name] = Buffer.isBuffer(value) ? value.toString() : String(value);
    }
    Object.assign(headers, {
      'dlq-original-topic': record.topic,
      'dlq-original-partition': String(record.partition),
      'dlq-original-offset': record.offset,
      'dlq-consumer-group': this.settings.groupId,
      'dlq-error-type': failure.name,
      'dlq-error': failure.message.slice(0, 4000),
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    });
    const producer = await this.kafka.producer();
    try {
      await producer.send({ topic: this.topic, acks: -1, messages: [{ key: record.key, value: record.value, headers }] });
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      // The record plus our headers is over the broker's limit: park the coordinates and the error;
      // the original stays readable at its topic, partition and offset.
      headers['dlq-value-omitted'] = `original record too large for the dead-letter topic (${byteLength(record.value)} bytes)`;
      await producer.send({ topic: this.topic, acks: -1, messages: [{ key: record.key, value: null, headers }] });
    }
    deadLettered.inc({ type: String(headers.ce_type ?? 'unknown'), topic: record.topic });
    this.logger.error(
      `dead-lettered ${record.topic}[${record.partition}]@${record.offset} after ${attempts} attempt(s): ${failure.name}: ${failure.message}`,
    );
  }
}

function isTooLarge(error: unknown): boolean {
  const type = (error as { type?: string; cause?: { type?: string } }) ?? {};
  return [type.type, type.cause?.type].includes('MESSAGE_TOO_LARGE') || /too large/i.test(String((error as Error)?.message));
}

function byteLength(value: Buffer | string | null): number {
  return value === null ? 0 : Buffer.byteLength(value);
}
