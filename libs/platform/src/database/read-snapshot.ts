import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Reads that must agree with each other run in one read-only repeatable-read transaction on one
 * connection: every statement sees the same committed state. Read on several pooled connections
 * at once instead, a write committing between two reads gives an answer that never existed (an
 * option's old state beside the history of its new one; a run's verdict over 950 samples beside a
 * series of 1,000).
 */
async function openSnapshot(dataSource: DataSource): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // One statement rather than TypeORM's START TRANSACTION then SET TRANSACTION: on a read polled
    // per rack, every round trip counts.
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return runner;
  } catch (error) {
    await runner.release();
    throw error;
  }
}

/**
 * Ends the snapshot (a read-only transaction has nothing to keep, so ROLLBACK) and gives the
 * connection back. What was read stands even if the ROLLBACK fails: that happens when the
 * connection broke, and the driver then closes it instead of pooling it.
 */
async function closeSnapshot(runner: QueryRunner): Promise<void> {
  await runner.query('ROLLBACK').catch(() => undefined);
  await runner.release();
}

/** Runs `read` in one snapshot (see above) and answers what it answers. */
export async function readInSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = await openSnapshot(dataSource);
  try {
    return await read(runner.manager);
  } finally {
    await closeSnapshot(runner);
  }
}

/**
 * Runs `read` in one snapshot (see above), so every page of an export comes from the same state;
 * the connection is released when the iteration ends or is abandoned (the client went away).
 */
export async function* inSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => AsyncGenerator<T>): AsyncGenerator<T> {
  const runner = await openSnapshot(dataSource);
  try {
    yield* read(runner.manager);
  } finally {
    await closeSnapshot(runner);
  }
}
