/**
 * Prints, per broker, how many partitions it leads (topics starting with the first argument, or
 * all but internal ones), then one JSON line `{"leaders":{"1":n,…},"mostLeader":id,"underReplicated":n}`
 * for scripts (the cluster chaos scenario kills `mostLeader`). Run by `kafka.sh cluster leaders`.
 *
 * Env: KAFKA_BROKERS, RACKEVAL_KAFKA_ADMIN_PASSWORD (rackeval-admin).
 */
import { Kafka, logLevel } from 'kafkajs';

async function main(): Promise<void> {
  const prefix = process.argv[2] ?? '';
  const kafka = new Kafka({
    clientId: 'rackeval-partition-leaders',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:29092').split(','),
    sasl: { mechanism: 'scram-sha-512', username: 'admin', password: process.env.RACKEVAL_KAFKA_ADMIN_PASSWORD ?? 'rackeval-admin' },
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__') && topic.startsWith(prefix));
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    const leaders: Record<string, number> = {};
    let underReplicated = 0;
    for (const topic of metadata) {
      for (const partition of topic.partitions) {
        leaders[partition.leader] = (leaders[partition.leader] ?? 0) + 1;
        if (partition.isr.length < partition.replicas.length) underReplicated += 1;
      }
    }
    const mostLeader = Number(Object.entries(leaders).sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1);
    for (const [broker, count] of Object.entries(leaders)) console.log(`[kafka] broker ${broker} leads ${count} partitions`);
    console.log(`[kafka] ${underReplicated} partitions under-replicated, in ${topics.length} topics`);
    console.log(JSON.stringify({ leaders, mostLeader, underReplicated }));
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: Error) => {
  console.error(`[kafka] ERROR: ${error.message}`);
  process.exit(1);
});
