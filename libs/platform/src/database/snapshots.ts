import { Logger } from '@nestjs/common';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

export interface SnapshotPolicy {
  /** A snapshot younger than this is answered as it is. */
  freshMs: number;
  /** An older one (up to this age) is still answered, and recomputed in the background for the next reader. */
  maxStaleMs: number;
}

export const PROGRAMME_SNAPSHOTS: SnapshotPolicy = { freshMs: 5_000, maxStaleMs: 60_000 };

export interface Snapshot<T> {
  body: T;
  /** When the figures were computed (UTC ISO-8601). */
  asOf: string;
}

/**
 * The `programme_snapshot` table SnapshotRepository keeps its figures in, made in each service's
 * schema by that service's ProgrammeSnapshots1764910000000 migration, which extends this one.
 */
export abstract class ProgrammeSnapshotsMigration implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE programme_snapshot (key text PRIMARY KEY, body jsonb NOT NULL, computed_at timestamptz NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programme_snapshot`);
  }
}

/**
 * Figures too costly to aggregate on every read, kept as a read model: one row per key in the
 * service's `programme_snapshot` table (ProgrammeSnapshotsMigration). A reader
 * gets the stored figures while they are fresh; a stale snapshot is answered and recomputed in the
 * background (stale-while-revalidate); a missing or expired one is computed before answering.
 *
 * Readers of one key in one process share a single computation. No transaction is held open around
 * it here: holding one connection while the aggregate queries waited for others starved the pool
 * under a burst of readers (every request then timed out acquiring a connection, health checks
 * included). A computation reads its figures on one connection of its own, in one snapshot
 * (`ProgrammeFiguresRepository.inOneSnapshot`), so they agree with each other. The figures are
 * stored afterwards in one statement that never replaces newer figures with older ones, so
 * instances computing the same key at once agree.
 */
export class SnapshotRepository {
  private readonly logger = new Logger('ProgrammeSnapshots');
  /** Computations under way in this process, by key: later readers wait for the same one. */
  private readonly inFlight = new Map<string, Promise<Snapshot<unknown>>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: SnapshotPolicy = PROGRAMME_SNAPSHOTS,
  ) {}

  async read<T>(key: string, compute: () => Promise<T>): Promise<Snapshot<T>> {
    const [row]: Array<{ body: T; computed_at: Date; age_ms: number }> = await this.dataSource.query(
      `SELECT body, computed_at, extract(epoch FROM clock_timestamp() - computed_at) * 1000 AS age_ms FROM programme_snapshot WHERE key = $1`,
      [key],
    );
    if (row && row.age_ms <= this.policy.maxStaleMs) {
      if (row.age_ms > this.policy.freshMs && !this.inFlight.has(key)) {
        this.recomputeOnce(key, compute).catch((error: unknown) => this.logger.warn(`recomputing ${key} failed: ${String(error)}`));
      }
      return { body: row.body, asOf: new Date(row.computed_at).toISOString() };
    }
    return this.recomputeOnce(key, compute);
  }

  private recomputeOnce<T>(key: string, compute: () => Promise<T>): Promise<Snapshot<T>> {
    const running = this.inFlight.get(key) as Promise<Snapshot<T>> | undefined;
    if (running) return running;
    const computation = this.recompute(key, compute).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, computation);
    return computation;
  }

  /** Computes the figures, then stores them unless another instance has already stored newer ones. */
  private async recompute<T>(key: string, compute: () => Promise<T>): Promise<Snapshot<T>> {
    const asOf = new Date().toISOString();
    const body = await compute();
    await this.dataSource.query(
      `INSERT INTO programme_snapshot (key, body, computed_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, computed_at = excluded.computed_at
       WHERE programme_snapshot.computed_at < excluded.computed_at`,
      [key, JSON.stringify(body), asOf],
    );
    return { body, asOf };
  }
}
