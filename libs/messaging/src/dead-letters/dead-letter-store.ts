import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';

/** One parked record on a service's dead-letter topic, with where it came from and why it failed. */
export interface DeadLetter {
  /** `partition:offset` on the dead-letter topic: how an operator names it. */
  id: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  eventId?: string;
  type?: string;
  error: string;
  errorType: string;
  failedAt: string;
  /** True once `replay` sent it back (a marker record on the same topic says so). */
  replayed: boolean;
}

/** Header of the marker a replay leaves on the dead-letter topic. */
const REPLAYED = 'dlq-replayed';
/** Header carried by a replayed record on its original topic. */
export const REPLAY_OF = 'rackeval-replay-of';

/**
 * Lists, inspects and replays a service's dead letters. A replay sends the original record (its
 * CloudEvents headers and payload, unchanged) back to its original topic; every consumer's inbox
 * knows the event id, so a record replayed twice is applied at most once. Records of one key are
 * replayed in their original order, one at a time, by an idempotent producer.
 */
export class DeadLetterStore {
  constructor(
    private readonly kafka: Kafka,
    readonly topic: string,
  ) {}

  /** Every dead letter on the topic, oldest first, each marked replayed or not. */
  async list(): Promise<DeadLetter[]> {
    const records = await this.readAll();
    const replayed = new Set(records.filter((record) => record.headers[REPLAYED]).map((record) => record.headers[REPLAYED]));
    return records.filter((record) => !record.headers[REPLAYED]).map((record) => toDeadLetter(record, replayed));
  }

  async show(id: string): Promise<DeadLetter | undefined> {
    return (await this.list()).find((letter) => letter.id === id);
  }

  /** Sends the given dead letters back to their topics (in original order per partition); returns how many. */
  async replay(letters: DeadLetter[]): Promise<number> {
    const pending = letters.filter((letter) => !letter.replayed && letter.value !== null);
    pending.sort((a, b) =>
      a.originalTopic !== b.originalTopic
        ? a.originalTopic < b.originalTopic
          ? -1
          : 1
        : a.originalPartition !== b.originalPartition
          ? a.originalPartition - b.originalPartition
          : Number(BigInt(a.originalOffset) - BigInt(b.originalOffset)),
    );
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    try {
      for (const letter of pending) {
        const headers = Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !name.startsWith('dlq-')));
        await producer.send({
          topic: letter.originalTopic,
          acks: -1,
          messages: [{ key: letter.key, value: letter.value, headers: { ...headers, [REPLAY_OF]: `${this.topic}/${letter.id}` } }],
        });
        await producer.send({
          topic: this.topic,
          acks: -1,
          messages: [{ key: letter.key, value: null, headers: { [REPLAYED]: letter.id } }],
        });
      }
    } finally {
      await producer.disconnect();
    }
    return pending.length;
  }

  private async readAll(): Promise<Array<{ partition: number; message: KafkaMessage; headers: Record<string, string> }>> {
    const admin = this.kafka.admin();
    await admin.connect();
    // A service that never dead-lettered anything may not have created its topic yet.
    const ends = await (async () => ((await admin.listTopics()).includes(this.topic) ? admin.fetchTopicOffsets(this.topic) : []))().finally(
      () => admin.disconnect(),
    );
    const remaining = new Map(ends.filter((end) => end.high !== end.low).map((end) => [end.partition, BigInt(end.high)]));
    const records: Array<{ partition: number; message: KafkaMessage; headers: Record<string, string> }> = [];
    if (!remaining.size) return records;
    const consumer = this.kafka.consumer({ groupId: `dead-letter-reader-${randomUUID()}`, maxWaitTimeInMs: 100, sessionTimeout: 6_000 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        // A consumer that cannot start fails the read at once rather than after the timeout.
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (BigInt(message.offset) < (remaining.get(partition) ?? 0n))
                records.push({ partition, message, headers: toStrings(message.headers) });
              if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) remaining.delete(partition);
              if (!remaining.size) resolve();
            },
          })
          .catch(reject);
      });
      await withTimeout(done, 30_000, `reading ${this.topic}`);
    } finally {
      await consumer.disconnect();
    }
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
  }
}

function toDeadLetter(
  record: { partition: number; message: KafkaMessage; headers: Record<string, string> },
  replayed: Set<string>,
): DeadLetter {
  const { headers, message } = record;
  const id = `${record.partition}:${message.offset}`;
  return {
    id,
    key: message.key?.toString() ?? null,
    value: message.value ?? null,
    headers,
    originalTopic: headers['dlq-original-topic'],
    originalPartition: Number(headers['dlq-original-partition']),
    originalOffset: headers['dlq-original-offset'],
    eventId: headers.ce_id,
    type: headers.ce_type,
    error: headers['dlq-error'] ?? '',
    errorType: headers['dlq-error-type'] ?? '',
    failedAt: headers['dlq-failed-at'] ?? '',
    replayed: replayed.has(id),
  };
}

const toStrings = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
