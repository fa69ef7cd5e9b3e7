import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, SERVICE_CONFIG } from '@rackeval/platform';
import { PurchaseOptionConfig } from '../config';
import { LapseSweepService } from './lapse-sweep.service';

/**
 * Ticks the lapse sweep on every instance. The timer only says "look now"; which instance lapses
 * an option is decided in PostgreSQL, so no state here is needed by any other instance.
 */
@Injectable()
export class LapseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(sweeper: LapseSweepService, @Inject(SERVICE_CONFIG) config: PurchaseOptionConfig) {
    this.task = new PeriodicTask('lapse sweep', config.LAPSE_SWEEP_INTERVAL_SECONDS * 1000, async () => {
      const count = await sweeper.sweep(config.LAPSE_SWEEP_BATCH_SIZE);
      return count ? `lapsed ${count} expired option(s)` : undefined;
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
