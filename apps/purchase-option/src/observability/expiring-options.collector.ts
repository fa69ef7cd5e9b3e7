import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { metric, ScrapeSources } from '@rackeval/messaging';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { ExpiringCount, ExpiringOptionsRepository } from './expiring-options.repository';

/** An option this close to its window's end with no decision needs finance's attention now. */
export const EXPIRY_WARNING_DAYS = 3;

const sources = new ScrapeSources<ExpiringCount>('expiring-options', 1_000, 2_000);

metric(
  'rackeval_options_expiring_undecided',
  () =>
    new Gauge({
      name: 'rackeval_options_expiring_undecided',
      help: `Open purchase options whose exercise window closes within ${EXPIRY_WARNING_DAYS} days, by generation and state`,
      labelNames: ['generation', 'state'],
      async collect() {
        await sources.fill(this, ({ generation, state, options }) => ({ labels: { generation, state }, value: options }));
      },
    }),
);

/** Counts expiring undecided options when Prometheus scrapes, so the figure is never a sweep behind. */
@Injectable()
export class ExpiringOptionsCollector implements OnModuleInit, OnModuleDestroy {
  private remove?: () => void;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.remove = sources.add(() => ExpiringOptionsRepository.count(this.dataSource.manager, EXPIRY_WARNING_DAYS));
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}
