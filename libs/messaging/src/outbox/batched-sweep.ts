import { DataSource } from 'typeorm';

/** One table a janitor empties of what is due: `deleteBatch` deletes at most `$1` rows (its own parameters follow). */
export interface SweptTable {
  name: string;
  /** A DELETE of at most $1 due rows (e.g. `… WHERE key IN (SELECT key … LIMIT $1)`); $2… are `parameters`. */
  deleteBatch: string;
  parameters: unknown[];
}

export interface SweepLimits {
  /** Rows per DELETE: each batch is its own short transaction. */
  batch: number;
  /** A pass stops starting batches after this long; what is left is due at the next pass. */
  budgetMs: number;
  /** Pause between batches, so the service's own queries and the database's other work run in between. */
  pauseMs: number;
}

export const DEFAULT_SWEEP_LIMITS: SweepLimits = { batch: 5_000, budgetMs: 30_000, pauseMs: 20 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deletes due rows batch after batch until none is left (or the pass's time is up), holding a
 * session advisory lock named after the schema and `lock` for the pass: when several instances of
 * a service fire at once, one sweeps and the others skip this pass instead of fighting over the same
 * rows. Returns the rows deleted per table, or null when another instance held the lock.
 */
export async function sweepInBatches(
  dataSource: DataSource,
  lock: string,
  tables: readonly SweptTable[],
  limits: SweepLimits = DEFAULT_SWEEP_LIMITS,
): Promise<Record<string, number> | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = [`rackeval:janitor`, lock];
  try {
    const [{ locked }] = await runner.query(
      `SELECT pg_try_advisory_lock(hashtext($1), hashtext(current_schema() || ':' || $2)) AS locked`,
      key,
    );
    if (!locked) return null;
    try {
      const started = Date.now();
      const deleted: Record<string, number> = {};
      for (const table of tables) {
        deleted[table.name] = 0;
        for (;;) {
          const [, count] = (await runner.query(table.deleteBatch, [limits.batch, ...table.parameters])) as [unknown, number];
          deleted[table.name] += count ?? 0;
          if ((count ?? 0) < limits.batch || Date.now() - started >= limits.budgetMs) break;
          await sleep(limits.pauseMs);
        }
      }
      return deleted;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1), hashtext(current_schema() || ':' || $2))`, key);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Runs a janitor's `sweep` every `everyMs` in the background (the timer never keeps the process
 * alive); a failed pass is logged and the next one tries again. Returns what stops it, for shutdown.
 */
export function sweepPeriodically(sweep: () => Promise<unknown>, logger: { warn(message: string): void }, everyMs = 60_000): () => void {
  const timer = setInterval(() => void sweep().catch((error: Error) => logger.warn(`cleanup failed: ${error.message}`)), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
