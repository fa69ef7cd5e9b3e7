import { deadLetterTopic } from '@rackeval/contracts';
import { IHeaders, KafkaMessage } from 'kafkajs';
import { testKafka, uniqueSuffix } from './test-infrastructure';
import { waitFor } from './wait-for';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

const toStrings = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));

/** Every message currently on a topic, read with a throw-away consumer group. */
export async function readTopic(topic: string, { timeoutMs = 15_000 } = {}): Promise<ReadMessage[]> {
  const kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((end) => end.high !== end.low).map((end) => [end.partition, BigInt(end.high)]));
  const messages: ReadMessage[] = [];
  if (!remaining.size) return messages;
  const consumer = kafka.consumer({ groupId: `reader-${uniqueSuffix()}`, maxWaitTimeInMs: 100, sessionTimeout: 6_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }: { partition: number; message: KafkaMessage }) => {
        messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: toStrings(message.headers),
        });
        if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) remaining.delete(partition);
      },
    });
    await waitFor(`all messages of ${topic}`, () => remaining.size === 0, { timeoutMs });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** True once the group has committed every partition of the topic up to its end. */
export async function groupCaughtUp(groupId: string, topic: string): Promise<boolean> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const partition = committed?.partitions.find((p) => p.partition === end.partition);
      const at = partition && partition.offset !== '-1' ? BigInt(partition.offset) : BigInt(end.low);
      return at >= BigInt(end.high);
    });
  } finally {
    await admin.disconnect();
  }
}

/** Writes raw records, e.g. a malformed one, straight to a topic. */
export async function produceRaw(
  topic: string,
  records: Array<{ key: string; value: string; headers: Record<string, string>; partition?: number; timestamp?: string }>,
): Promise<void> {
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: records });
  } finally {
    await producer.disconnect();
  }
}

/** The types of those events among `eventIds` that `service` parked on its dead-letter topic. */
export async function deadLetteredTypes(service: string, eventIds: string[]): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  const topics = await admin.listTopics().finally(() => admin.disconnect());
  const topic = deadLetterTopic(service);
  const dead = topics.includes(topic) ? await readTopic(topic, { timeoutMs: 5_000 }) : [];
  return dead.filter((message) => eventIds.includes(message.headers.ce_id)).map((message) => message.headers.ce_type);
}
