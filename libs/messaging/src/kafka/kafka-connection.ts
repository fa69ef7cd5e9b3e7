import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { MESSAGING_SETTINGS, MessagingSettings, TopicReplication } from '../messaging.settings';
import { isInfrastructureError } from '../inbox/failure-classification';
import { kafkaLogCreator } from './kafka-logger';

/**
 * The service's own Kafka client: one idempotent producer (acks=all, one request in flight, so
 * records of one key keep their order) shared by the outbox relay and the dead-letter publisher.
 * The NestJS Kafka transport owns the consumer.
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaConnection.name);
  private readonly kafka: Kafka;
  private producerReady?: Promise<Producer>;
  private adminReady?: Promise<Admin>;

  constructor(@Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings) {
    this.kafka = new Kafka({
      clientId: `${settings.clientId}-producer`,
      brokers: settings.brokers,
      sasl: settings.sasl,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(this.logger),
      retry: { retries: 5, initialRetryTime: 100 },
    });
  }

  producer(): Promise<Producer> {
    this.producerReady ??= this.connect(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    ).catch((error) => {
      this.producerReady = undefined;
      throw error;
    });
    return this.producerReady;
  }

  /** Drops the producer (after a failed send); the next `producer()` connects a new one. */
  async resetProducer(): Promise<void> {
    const ready = this.producerReady;
    this.producerReady = undefined;
    const producer = await ready?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }

  admin(): Promise<Admin> {
    this.adminReady ??= this.connect(this.kafka.admin()).catch((error) => {
      this.adminReady = undefined;
      throw error;
    });
    return this.adminReady;
  }

  /** Creates the topics that are missing; waits for their leaders so the first send succeeds. */
  async ensureTopics(topics: string[]): Promise<void> {
    const created = await ensureTopics(await this.admin(), topics, this.settings.partitions, 20, this.settings.replication);
    if (created.length) this.logger.log(`created topics ${created.join(', ')}`);
  }

  /**
   * The retention (ms) of each topic as the broker reports it; -1 means kept forever. Right after
   * the topics were created, a broker of a cluster may not host them yet: asked again until it does.
   */
  async retentionMs(topics: string[]): Promise<Map<string, number>> {
    const admin = await this.admin();
    const { resources } = await retried(20, () =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [...new Set(topics)].map((name) => ({ type: 2 /* TOPIC */, name, configNames: ['retention.ms'] })),
      }),
    );
    return new Map(
      resources.map((resource) => [
        resource.resourceName,
        Number(resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue ?? -1),
      ]),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const closing = [this.producerReady, this.adminReady].map(async (ready) => {
      const client = await ready?.catch(() => undefined);
      await client?.disconnect();
    });
    await Promise.all(closing);
  }

  private async connect<T extends { connect(): Promise<void> }>(client: T): Promise<T> {
    await client.connect();
    return client;
  }
}

/**
 * Creates the topics that do not exist yet, waiting for their leaders; returns the ones it created.
 * Several services start at once and create the same topics: a lost race (the topic appeared
 * meanwhile, or its leader is not elected yet) is retried until the topics answer.
 */
export async function ensureTopics(
  admin: Admin,
  topics: string[],
  partitions: number,
  attempts = 20,
  replication: TopicReplication = {},
): Promise<string[]> {
  // Unclean leader election stays off whatever the broker says: an out-of-sync replica must never lead (lost events).
  const configEntries = [
    { name: 'unclean.leader.election.enable', value: 'false' },
    ...(replication.minInsyncReplicas ? [{ name: 'min.insync.replicas', value: String(replication.minInsyncReplicas) }] : []),
  ];
  const wanted = [...new Set(topics)];
  const created: string[] = [];
  await retried(attempts, async () => {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: replication.factor ?? -1,
          configEntries,
        })),
      });
      created.push(...missing);
    }
    await admin.fetchTopicMetadata({ topics: wanted });
  });
  return created;
}

/**
 * `call`'s answer, asked up to `attempts` times (100 ms more between each, at most a second); the
 * last error is thrown. Only a failure of the infrastructure (a broker that does not host a fresh
 * topic yet, a leader not elected yet, a broker away) is asked again: a refusal (an ACL, a bad
 * topic configuration) is thrown at once, so a misconfigured service fails its start in one call,
 * not after twenty.
 */
async function retried<T>(attempts: number, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isInfrastructureError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 1_000)));
    }
  }
}
