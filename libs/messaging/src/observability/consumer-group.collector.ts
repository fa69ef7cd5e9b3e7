import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ConsumerMonitor } from '../consumer/consumer-monitor';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';
import { metric } from '../metrics';
import { ScrapeSources } from './scrape-sources';

interface Membership {
  service: string;
  group: string;
  member: boolean;
}

const sources = new ScrapeSources<Membership>('consumer-group', 0, 1_000);

metric(
  'rackeval_consumer_group_member',
  () =>
    new Gauge({
      name: 'rackeval_consumer_group_member',
      help: 'Whether the service consumer is a member of its group (1) or not (0: starting, rebalancing, crashed, stopped)',
      labelNames: ['service', 'group'],
      async collect() {
        await sources.fill(this, ({ service, group, member }) => ({ labels: { service, group }, value: member ? 1 : 0 }));
      },
    }),
);

/**
 * Group membership as the consumer's own events report it (the same state readiness uses): an
 * instance that answers HTTP but consumes nothing shows 0 here, so it can be alerted on.
 */
@Injectable()
export class ConsumerGroupCollector implements OnModuleInit, OnModuleDestroy {
  private remove?: () => void;

  constructor(
    private readonly monitor: ConsumerMonitor,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  onModuleInit(): void {
    const { serviceName: service, groupId: group } = this.settings;
    this.remove = sources.add(async () => [{ service, group, member: this.monitor.state === 'joined' }]);
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}
