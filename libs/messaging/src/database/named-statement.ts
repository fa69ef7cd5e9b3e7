import type { PoolClient } from 'pg';
import { EntityManager, QueryFailedError, QueryRunner, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * A statement sent under its own name, so PostgreSQL parses and plans it once per connection and
 * afterwards only binds and runs it (after five runs a generic plan, when that costs no more than the
 * custom ones). `manager.query` sends every statement unnamed, planned again on every run. Meant for
 * the few statements whose text never changes and that run many times per rack: the relay's claim,
 * the inbox and outbox rows, the option's page, where planning cost more than running.
 *
 * Runs exactly as `manager.query` would on the same connection (the transaction's own, or one
 * borrowed from the pool for the call), answers the rows the statement returns, and fails the same
 * way: a `QueryFailedError` carrying the driver's error, logged as TypeORM logs a failed query.
 */
export class NamedStatement {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  async rows<T = Record<string, unknown>>(manager: EntityManager, values: unknown[]): Promise<T[]> {
    const own = manager.queryRunner;
    const runner = own ?? manager.connection.createQueryRunner();
    try {
      return await this.runOn(runner, values);
    } finally {
      if (!own) await runner.release();
    }
  }

  private async runOn<T>(runner: QueryRunner, values: unknown[]): Promise<T[]> {
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const logger = runner.connection.logger;
    const client = (await runner.connect()) as PoolClient;
    logger.logQuery(this.text, values, runner);
    try {
      const result = await client.query({ name: this.name, text: this.text, values });
      return result.rows as T[];
    } catch (error) {
      logger.logQueryError(error as Error, this.text, values, runner);
      throw new QueryFailedError(this.text, values, error as Error);
    }
  }
}
