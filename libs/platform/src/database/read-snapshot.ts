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
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    return runner;
  } catch (error) {
    await closeSnapshot(runner);
    throw error;
  }
}

async function closeSnapshot(runner: QueryRunner): Promise<void> {
  if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
  await runner.release();
}

/** Runs `read` in one snapshot (see above) and answers what it answers. */
export async function readInSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = await openSnapshot(dataSource);
  try {
    const answer = await read(runner.manager);
    await runner.commitTransaction();
    return answer;
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
    await runner.commitTransaction();
  } finally {
    await closeSnapshot(runner);
  }
}
