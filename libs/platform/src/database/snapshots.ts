import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

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
 * Figures too costly to aggregate on every read, kept as a read model: one row per key in the
 * service's `programme_snapshot` table (see each service's ProgrammeSnapshots migration). A reader
 * gets the stored figures while they are fresh; a stale snapshot is answered and recomputed in the
 * background (stale-while-revalidate); a missing or expired one is computed before answering. One
 * instance at a time recomputes a key (a transaction-scoped advisory lock), so several instances
 * share the work.
 */
export class SnapshotRepository {
  private readonly logger = new Logger('ProgrammeSnapshots');
  /** Keys this process is recomputing, so one reader does not start a second recomputation. */
  private readonly inFlight = new Set<string>();

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
        this.inFlight.add(key);
        this.recompute(key, compute)
          .catch((error: unknown) => this.logger.warn(`recomputing ${key} failed: ${String(error)}`))
          .finally(() => this.inFlight.delete(key));
      }
      return { body: row.body, asOf: new Date(row.computed_at).toISOString() };
    }
    return this.recompute(key, compute);
  }

  /** Computes and stores the figures; when another instance holds the key, computes without storing. */
  private recompute<T>(key: string, compute: () => Promise<T>): Promise<Snapshot<T>> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('programme_snapshot:' || $1)) AS locked`, [key]);
      const asOf = new Date();
      const body = await compute();
      if (locked) {
        await manager.query(
          `INSERT INTO programme_snapshot (key, body, computed_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET body = excluded.body, computed_at = excluded.computed_at`,
          [key, JSON.stringify(body), asOf.toISOString()],
        );
      }
      return { body, asOf: asOf.toISOString() };
    });
  }
}
