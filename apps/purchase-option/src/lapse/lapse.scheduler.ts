import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rackeval/platform';
import { PurchaseOptionConfig } from '../config';
import { LapseSweepService } from './lapse-sweep.service';

/**
 * Ticks the lapse sweep on every instance. The timer only says "look now"; which instance lapses
 * an option is decided in PostgreSQL, so no state here is needed by any other instance.
 */
@Injectable()
export class LapseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LapseScheduler.name);
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    private readonly sweeper: LapseSweepService,
    @Inject(SERVICE_CONFIG) private readonly config: PurchaseOptionConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.LAPSE_SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  private tick(): void {
    // Skip a tick while the previous sweep still runs in this process.
    if (this.inFlight) return;
    this.inFlight = this.sweeper
      .sweep(this.config.LAPSE_SWEEP_BATCH_SIZE)
      .then((count) => {
        if (count) this.logger.log(`lapsed ${count} expired option(s)`);
      })
      .catch((error: Error) => this.logger.warn(`lapse sweep failed, will retry next tick: ${error.message}`))
      .finally(() => (this.inFlight = undefined));
  }
}
