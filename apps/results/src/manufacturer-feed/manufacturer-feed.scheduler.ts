import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, SERVICE_CONFIG } from '@rackeval/platform';
import type { ResultsConfig } from '../config';
import { ManufacturerFeedDeliveryService } from './manufacturer-feed-delivery.service';

/** Ticks deliveries on every instance where the feed is on; PostgreSQL decides which instance sends what. */
@Injectable()
export class ManufacturerFeedScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly delivery: ManufacturerFeedDeliveryService,
    @Inject(SERVICE_CONFIG) config: ResultsConfig,
  ) {
    this.task = new PeriodicTask(ManufacturerFeedScheduler.name, config.MANUFACTURER_WEBHOOK_INTERVAL_MS, () => delivery.pass());
  }

  onApplicationBootstrap(): void {
    if (this.delivery.enabled) this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
