import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { MESSAGING_MIGRATIONS } from '@rackeval/messaging';
import { ServiceConfig } from '../config/service-config';
import { IdempotentRequests1764115200000, IdempotentResponseStatus1764790000000 } from '../idempotency/idempotency';
import { grantRuntimeRole, runtimeRoleOf } from './database-roles';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseParts {
  entities: NonNullable<DataSourceOptions['entities']>;
  /** The service's own migrations; the shared tables' migrations (outbox, inbox, idempotency) always come first. */
  migrations: Array<new () => MigrationInterface>;
}

/**
 * The service's PostgreSQL connection as its runtime role (`DATABASE_URL`): its own schema (also
 * the search_path, so raw SQL needs no prefix), snake_case names, schema only ever changed by
 * migrations — never `synchronize`.
 */
export function databaseOptions(config: ServiceConfig, parts: DatabaseParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: parts.entities,
    migrations: [...MESSAGING_MIGRATIONS, IdempotentRequests1764115200000, IdempotentResponseStatus1764790000000, ...parts.migrations],
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    extra: {
      max: config.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
      // A frozen server cannot enforce its own statement_timeout: the client gives up a little later.
      query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS ? config.DATABASE_STATEMENT_TIMEOUT_MS + 5_000 : undefined,
      options: sessionOptions(config),
    },
  };
}

/** Session settings of every connection: the schema, and bounds so nothing waits forever on a lock or an idle transaction. */
function sessionOptions(config: ServiceConfig): string {
  return [
    `-c search_path=${config.DATABASE_SCHEMA}`,
    `-c statement_timeout=${config.DATABASE_STATEMENT_TIMEOUT_MS}`,
    `-c lock_timeout=${config.DATABASE_LOCK_TIMEOUT_MS}`,
    `-c idle_in_transaction_session_timeout=${config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
  ].join(' ');
}

/** The same, connected as the schema's owner (`DATABASE_MIGRATION_URL`): only migrations use it. */
export function migrationOptions(config: ServiceConfig, parts: DatabaseParts): DataSourceOptions {
  const options = databaseOptions(config, parts) as Extract<DataSourceOptions, { type: 'postgres' }>;
  return { ...options, url: config.migrationUrl(), extra: { ...options.extra, max: 1 } };
}

/**
 * Applies the service's pending migrations as the owner role, after making sure the runtime role
 * may use the schema and gets its DML on every table a migration creates.
 */
export function migrateService(config: ServiceConfig, parts: DatabaseParts): Promise<string[]> {
  return runMigrations(migrationOptions(config, parts), runtimeRoleOf(config));
}

/**
 * Creates the schema if needed and applies pending migrations; returns their names. With
 * `runtimeRole`, grants it the schema's runtime privileges first (see database-roles.ts).
 */
export async function runMigrations(options: DataSourceOptions, runtimeRole?: string): Promise<string[]> {
  const schema = (options as { schema?: string }).schema;
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    // Only create a missing schema: a service role may own its schema without CREATE on the database.
    const [{ present }] = await dataSource.query(`SELECT count(*) > 0 AS present FROM pg_namespace WHERE nspname = $1`, [schema]);
    if (schema && !present) await dataSource.query(`CREATE SCHEMA "${schema}"`);
    if (schema && runtimeRole) await grantRuntimeRole(dataSource, schema, runtimeRole);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
