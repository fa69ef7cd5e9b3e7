import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metric } from '@rackeval/messaging';

/** What node-postgres' Pool reports of itself. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

const pools = new Map<string, () => PgPool | undefined>();

function fill(gauge: Gauge<string>, value: (pool: PgPool) => number | undefined): void {
  gauge.reset();
  for (const [service, pool] of pools) {
    const current = pool();
    const figure = current && value(current);
    if (figure !== undefined) gauge.set({ service }, figure);
  }
}

// Read from the pool objects at scrape time: no query, no timer.
const gauges: Array<[string, string, (pool: PgPool) => number | undefined]> = [
  ['rackeval_db_pool_connections', 'Connections the pool holds (in use + idle)', (pool) => pool.totalCount],
  ['rackeval_db_pool_idle_connections', 'Connections idle in the pool', (pool) => pool.idleCount],
  [
    'rackeval_db_pool_waiting_requests',
    'Queries waiting for a connection: the pool is exhausted while this is above 0',
    (pool) => pool.waitingCount,
  ],
  ['rackeval_db_pool_max_connections', 'The pool size limit', (pool) => pool.options?.max],
];
for (const [name, help, value] of gauges) {
  metric(
    name,
    () =>
      new Gauge({
        name,
        help,
        labelNames: ['service'],
        collect() {
          fill(this, value);
        },
      }),
  );
}

/**
 * Reports the pg Pool behind the DataSource's connection until the returned function is called.
 * TypeORM does not expose the pool; its postgres driver keeps it as `master`.
 */
export function watchDatabasePool(service: string, dataSource: DataSource): () => void {
  const pool = () => (dataSource.isInitialized ? ((dataSource.driver as unknown as { master?: PgPool }).master ?? undefined) : undefined);
  pools.set(service, pool);
  return () => {
    if (pools.get(service) === pool) pools.delete(service);
  };
}
