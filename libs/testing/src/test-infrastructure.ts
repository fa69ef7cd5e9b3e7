import { topicPrefix } from '@rackeval/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The real PostgreSQL and Kafka the tests talk to; override with the same variables as the services. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rackeval_test';
export const TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function testKafka(clientId = 'rackeval-test'): Kafka {
  return new Kafka({ clientId, brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
}

export async function withDatabase<T>(work: (client: Client) => Promise<T>, url = TEST_DATABASE_URL): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await withDatabase((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Deletes this test file's topics (they all carry its KAFKA_TOPIC_PREFIX). */
export async function deleteTestTopics(): Promise<void> {
  const prefix = topicPrefix();
  if (!prefix) return;
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
