import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service-config';

const EVERY_MS = 10 * 60_000;
const BATCH = 10_000;
export const IDEMPOTENCY_CONFIG = Symbol('IDEMPOTENCY_CONFIG');

/**
 * Forgets Idempotency-Keys after IDEMPOTENCY_RETENTION_HOURS: a client retries within minutes or
 * hours, never weeks, and the table would otherwise grow forever. Idempotent, so every instance runs it.
 */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_CONFIG) private readonly config: Pick<ServiceConfig, 'IDEMPOTENCY_RETENTION_HOURS'>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((error: Error) => this.logger.warn(`cleanup failed: ${error.message}`)), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes one bounded batch of expired keys; returns how many went. */
  async sweep(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM idempotent_request WHERE (scope, key) IN (
         SELECT scope, key FROM idempotent_request WHERE created_at < now() - make_interval(hours => $1) LIMIT ${BATCH})`,
      [this.config.IDEMPOTENCY_RETENTION_HOURS],
    )) as [unknown, number];
    return count ?? 0;
  }
}
