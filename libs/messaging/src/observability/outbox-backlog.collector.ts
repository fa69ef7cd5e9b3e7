import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';
import { metric } from '../metrics';
import { OutboxBacklog, OutboxBacklogRepository } from './outbox-backlog.repository';
import { ScrapeSources } from './scrape-sources';

type Row = OutboxBacklog & { service: string };

const sources = new ScrapeSources<Row>('outbox-backlog', 1_000, 2_000);

// Registered once per process; filled from every service's source at scrape time.
metric(
  'rackeval_outbox_unpublished_events',
  () =>
    new Gauge({
      name: 'rackeval_outbox_unpublished_events',
      help: 'Outbox rows not yet published to Kafka',
      labelNames: ['service'],
      async collect() {
        await sources.fill(this, (row) => ({ labels: { service: row.service }, value: row.unpublished }));
      },
    }),
);
metric(
  'rackeval_outbox_oldest_unpublished_age_seconds',
  () =>
    new Gauge({
      name: 'rackeval_outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest outbox row not yet published (0 when none): grows while the relay is stuck',
      labelNames: ['service'],
      async collect() {
        await sources.fill(this, (row) => ({ labels: { service: row.service }, value: row.oldestAgeSeconds }));
      },
    }),
);

/**
 * Outbox backlog, read from PostgreSQL when Prometheus scrapes: a relay that stopped publishing
 * (lost lease, broker refusing, a crash loop) shows as an age that keeps growing, which counting
 * published events alone cannot show.
 */
@Injectable()
export class OutboxBacklogCollector implements OnModuleInit, OnModuleDestroy {
  private remove?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  onModuleInit(): void {
    this.remove = sources.add(async () => [
      { service: this.settings.serviceName, ...(await OutboxBacklogRepository.read(this.dataSource.manager)) },
    ]);
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}
