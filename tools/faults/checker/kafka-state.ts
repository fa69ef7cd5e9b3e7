import { isInfrastructureError } from '@rackeval/messaging';
import { Kafka, KafkaMessage } from 'kafkajs';
import { log, sleep } from '../support/log';

/** How long the checker waits out a broker that answers "try again" (a coordinator still loading, a leader moving). */
const BROKER_PATIENCE_MS = 60_000;

/**
 * Runs a read of the broker's state again while the broker answers with an error a retry can cure.
 * Right after a broker restart a group's coordinator loads its offsets for a while; that is the
 * broker healing, not a verdict on the system, so only an error that outlasts the patience counts.
 */
export async function patiently<T>(what: string, read: () => Promise<T>, patienceMs = BROKER_PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!isInfrastructureError(error) || Date.now() >= deadline) throw error;
      if (attempt === 1) log(`   ${what}: ${(error as Error).message}; asking again`);
      await sleep(Math.min(250 * attempt, 2_000));
    }
  }
}

export interface TopicRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key?: string;
  eventId?: string;
  type?: string;
  /** The `dlq-error` header of a dead letter. */
  error?: string;
}

/** Every record on the given topics (missing topics are empty), read with a throw-away group. */
export function readRecords(kafka: Kafka, topics: string[]): Promise<TopicRecord[]> {
  return patiently('reading the topics', () => readRecordsOnce(kafka, topics));
}

async function readRecordsOnce(kafka: Kafka, topics: string[]): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const ends = new Map<string, bigint>();
  for (const topic of topics.filter((name) => existing.has(name))) {
    for (const end of await admin.fetchTopicOffsets(topic)) {
      if (end.high !== end.low) ends.set(`${topic}:${end.partition}`, BigInt(end.high));
    }
  }
  await admin.disconnect();
  const letters: TopicRecord[] = [];
  if (!ends.size) return letters;
  const consumer = kafka.consumer({ groupId: `faults-reader-${Date.now()}`, maxWaitTimeInMs: 100, sessionTimeout: 6_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: [...new Set([...ends.keys()].map((key) => key.slice(0, key.lastIndexOf(':'))))],
      fromBeginning: true,
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }: { topic: string; partition: number; message: KafkaMessage }) => {
        const header = (name: string) => message.headers?.[name]?.toString();
        letters.push({
          topic,
          partition,
          offset: BigInt(message.offset),
          key: message.key?.toString(),
          eventId: header('ce_id'),
          type: header('ce_type'),
          error: header('dlq-error')?.slice(0, 160),
        });
        const key = `${topic}:${partition}`;
        if (BigInt(message.offset) + 1n >= (ends.get(key) ?? 0n)) ends.delete(key);
      },
    });
    const deadline = Date.now() + 20_000;
    while (ends.size && Date.now() < deadline) await sleep(100);
  } finally {
    await consumer.disconnect();
  }
  return letters;
}

export interface GroupState {
  groupId: string;
  /** Messages on the group's topics not yet committed by it. */
  lag: number;
  /** Each partition with lag, as `topic[partition] committed/end`. */
  behind: string[];
  /** Client ids of the members (the services name them `<KAFKA_CLIENT_ID>-consumer`). */
  members: string[];
  state: string;
}

export function readGroup(kafka: Kafka, groupId: string, topics: string[]): Promise<GroupState> {
  return patiently(`reading group ${groupId}`, () => readGroupOnce(kafka, groupId, topics));
}

async function readGroupOnce(kafka: Kafka, groupId: string, topics: string[]): Promise<GroupState> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lag = 0;
    const behind: string[] = [];
    const offsets = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const committed = offsets.find((entry) => entry.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = committed.find((p) => p.partition === end.partition)?.offset;
        const from = at && at !== '-1' ? BigInt(at) : BigInt(end.low);
        const partitionLag = Number(BigInt(end.high) - from);
        lag += partitionLag;
        if (partitionLag > 0) behind.push(`${topic}[${end.partition}] ${at ?? 'none'}/${end.high}`);
      }
    }
    const { groups } = await admin.describeGroups([groupId]);
    return {
      groupId,
      lag,
      behind,
      members: groups[0]?.members.map((member) => member.clientId) ?? [],
      state: groups[0]?.state ?? 'Unknown',
    };
  } finally {
    await admin.disconnect();
  }
}
