import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { PeriodicTask, SERVICE_CONFIG } from '@rackeval/platform';
import { IntakeConfig } from '../../config';
import { DeferredFactsRepository } from './deferred-facts.repository';
import { LifecycleEventsService } from './lifecycle-events.service';

/**
 * The safety net behind deferred option ends: every interval, each rack that still has a deferred
 * fact older than the interval is looked at again under its row lock. Facts are normally replayed by
 * the verdict that unblocks them (see LifecycleEventsService); this only catches one that slipped
 * through, and is harmless otherwise (a fact still waiting for its verdict stays deferred).
 */
@Injectable()
export class DeferredFactsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeferredFactsSweeper.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly lifecycle: LifecycleEventsService,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {
    this.task = new PeriodicTask('deferred-facts sweep', config.DEFERRED_SWEEP_INTERVAL_SECONDS * 1000, async () => {
      await this.sweep();
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Looks at every rack with an old unresolved deferral; returns how many racks it looked at. */
  async sweep(olderThan = new Date(Date.now() - this.config.DEFERRED_SWEEP_INTERVAL_SECONDS * 1000)): Promise<number> {
    const open = await this.unitOfWork.run((tx) => DeferredFactsRepository.waitingSince(tx.manager, olderThan));
    const serials = [...new Set(open.map((entry) => entry.rackSerial))];
    for (const serial of serials) {
      await this.unitOfWork
        .run((tx) => this.lifecycle.resolveDeferred(tx, serial))
        .catch((error: Error) => {
          this.logger.warn(`deferred facts of ${serial} not resolved, will retry: ${error.message}`);
        });
    }
    return serials.length;
  }
}
