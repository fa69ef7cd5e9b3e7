import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, SERVICE_CONFIG } from '@rackeval/platform';
import { PurchaseOptionConfig } from '../config';
import { ReminderDeliveryService } from './reminder-delivery.service';

/** Ticks reminder claims and deliveries on every instance; PostgreSQL decides which instance sends what. */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(delivery: ReminderDeliveryService, @Inject(SERVICE_CONFIG) config: PurchaseOptionConfig) {
    this.task = new PeriodicTask(ReminderScheduler.name, config.REMINDER_INTERVAL_SECONDS * 1000, () => delivery.pass());
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
