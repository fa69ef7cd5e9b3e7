import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { Gauge } from 'prom-client';
import { ConsumerMonitor } from '../consumer/consumer-monitor';
import { KafkaConnection } from '../kafka/kafka-connection';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';
import { metric } from '../metrics';
import { ScrapeSources } from './scrape-sources';

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

/** Offsets are asked of the broker at most every 5 s, however often Prometheus scrapes. */
const LAG_CACHE_MS = 5_000;
const sources = new ScrapeSources<PartitionLag>('consumer-lag', LAG_CACHE_MS, 3_000);

metric(
  'rackeval_consumer_lag',
  () =>
    new Gauge({
      name: 'rackeval_consumer_lag',
      help: "Records between the consumer group's committed offset and the partition's high watermark",
      labelNames: ['group', 'topic', 'partition'],
      async collect() {
        await sources.fill(this, ({ group, topic, partition, lag }) => ({ labels: { group, topic, partition }, value: lag }));
      },
    }),
);

/**
 * Consumer lag per partition of every topic the service's group consumes (those it has committed
 * offsets on, plus those assigned to this instance), all partitions of the group and not only this
 * instance's: a partition nobody holds is exactly the one whose lag must show. With several
 * instances each reports the same figures; dashboards take the max per partition.
 */
@Injectable()
export class ConsumerLagCollector implements OnModuleInit, OnModuleDestroy {
  private remove?: () => void;
  private assignedTopics: string[] = [];

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly monitor: ConsumerMonitor,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  onModuleInit(): void {
    this.monitor.onAssignment((assignment) => (this.assignedTopics = Object.keys(assignment)));
    this.remove = sources.add(async () => groupLag(await this.kafka.admin(), this.settings.groupId, this.assignedTopics));
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}

/** Lag of `groupId` on every partition of the topics it committed on or is assigned. */
export async function groupLag(admin: Admin, groupId: string, assignedTopics: readonly string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId });
  const uncommitted = assignedTopics.filter((topic) => !committed.some((entry) => entry.topic === topic));
  if (uncommitted.length) committed.push(...(await admin.fetchOffsets({ groupId, topics: uncommitted })));
  const lags = await Promise.all(
    committed.map(async ({ topic, partitions }) => {
      const watermarks = await admin.fetchTopicOffsets(topic);
      return watermarks.map(({ partition, high, low }) => {
        const offset = Number(partitions.find((entry) => entry.partition === partition)?.offset ?? -1);
        // Nothing committed yet: the group starts from the beginning, so all that is retained is ahead of it.
        const lag = offset < 0 ? Number(high) - Number(low) : Number(high) - offset;
        return { group: groupId, topic, partition, lag: Math.max(0, lag) };
      });
    }),
  );
  return lags.flat();
}
