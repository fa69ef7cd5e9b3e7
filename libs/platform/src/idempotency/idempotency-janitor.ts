import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_SWEEP_LIMITS, SweepLimits, sweepInBatches, sweepPeriodically } from '@rackeval/messaging';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service-config';

export const IDEMPOTENCY_CONFIG = Symbol('IDEMPOTENCY_CONFIG');

/**
 * Forgets Idempotency-Keys after IDEMPOTENCY_RETENTION_HOURS: a client retries within minutes or
 * hours, never weeks, and the table would otherwise grow forever. Each pass deletes in batches until
 * nothing is due (bounded in time); one instance sweeps a pass, the others skip it (advisory lock).
 */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyJanitor.name);
  private stopSweeping?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_CONFIG) private readonly config: Pick<ServiceConfig, 'IDEMPOTENCY_RETENTION_HOURS'>,
  ) {}

  onApplicationBootstrap(): void {
    this.stopSweeping = sweepPeriodically(() => this.sweep(), this.logger);
  }

  onApplicationShutdown(): void {
    this.stopSweeping?.();
  }

  /** Deletes every expired key, batch by batch; returns how many went (none when another instance is sweeping). */
  async sweep(limits: SweepLimits = DEFAULT_SWEEP_LIMITS): Promise<number> {
    const deleted = await sweepInBatches(
      this.dataSource,
      'idempotency',
      [
        {
          name: 'idempotent_request',
          deleteBatch: `DELETE FROM idempotent_request WHERE (scope, key) IN (
                          SELECT scope, key FROM idempotent_request WHERE created_at < now() - make_interval(hours => $2) LIMIT $1)`,
          parameters: [this.config.IDEMPOTENCY_RETENTION_HOURS],
        },
      ],
      limits,
    );
    return deleted?.idempotent_request ?? 0;
  }
}
