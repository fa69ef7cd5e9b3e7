import { testKafka, uniqueSuffix, waitFor } from '@rackeval/testing';

/**
 * Raw kafkajs produce → consume round trips on the bench's broker: a producer with acks=all sends
 * one message at a time, a consumer (maxWaitTimeInMs 10) receives it; milliseconds per message.
 */
export async function kafkaRoundTrips(count: number): Promise<number[]> {
  const kafka = testKafka('bench-roundtrip');
  const topic = `${process.env.KAFKA_TOPIC_PREFIX ?? ''}bench.roundtrip.${uniqueSuffix()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({
    groupId: `bench-rt-${uniqueSuffix()}`,
    maxWaitTimeInMs: 10,
    sessionTimeout: 6_000,
    heartbeatInterval: 1_000,
  });
  const arrived = new Map<string, number>();
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void arrived.set(message.key!.toString(), performance.now()) });
    const samples: number[] = [];
    // The first messages also wait for the group join; they are discarded.
    for (let i = -5; i < count; i++) {
      const key = `m${i}`;
      const sent = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ key, value: 'x' }] });
      const at = await waitFor(`round trip ${key}`, () => arrived.get(key), { timeoutMs: 30_000, intervalMs: 1 });
      if (i >= 0) samples.push(at - sent);
    }
    return samples;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * When each event of `type` was sent, by message key (the rack serial): the producer's CreateTime,
 * which the relays stamp at send. Read with a throw-away group from the beginning of the topic.
 */
export async function sendTimes(topic: string, type: string): Promise<Map<string, number>> {
  const kafka = testKafka('bench-timestamps');
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => e.high !== e.low).map((e) => [e.partition, BigInt(e.high)]));
  const times = new Map<string, number>();
  if (!remaining.size) return times;
  const consumer = kafka.consumer({ groupId: `bench-ts-${uniqueSuffix()}`, maxWaitTimeInMs: 100, sessionTimeout: 6_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (String(message.headers?.ce_type ?? '') === type && message.key) times.set(message.key.toString(), Number(message.timestamp));
        if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) remaining.delete(partition);
      },
    });
    await waitFor(`all of ${topic}`, () => remaining.size === 0, { timeoutMs: 30_000 });
  } finally {
    await consumer.disconnect();
  }
  return times;
}
