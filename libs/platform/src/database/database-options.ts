import { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { MessagingTables1764028800000 } from '@rackeval/messaging';
import { ServiceConfig } from '../config/service-config';
import { IdempotentRequests1764115200000 } from '../idempotency/idempotency';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseParts {
  entities: NonNullable<DataSourceOptions['entities']>;
  /** The service's own migrations; the shared tables' migrations (outbox, inbox, idempotency) always come first. */
  migrations: Array<new () => MigrationInterface>;
}

/**
 * The service's PostgreSQL connection: its own schema (also the search_path, so raw SQL needs no
 * prefix), snake_case names, schema only ever changed by migrations — never `synchronize`.
 */
export function databaseOptions(config: ServiceConfig, parts: DatabaseParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: parts.entities,
    migrations: [MessagingTables1764028800000, IdempotentRequests1764115200000, ...parts.migrations],
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    extra: { max: config.DATABASE_POOL_SIZE, options: `-c search_path=${config.DATABASE_SCHEMA}` },
  };
}

/** Creates the schema if needed and applies pending migrations; returns their names. */
export async function runMigrations(options: DataSourceOptions): Promise<string[]> {
  const schema = (options as { schema?: string }).schema;
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    // Only create a missing schema: a service role may own its schema without CREATE on the database.
    const [{ present }] = await dataSource.query(`SELECT count(*) > 0 AS present FROM pg_namespace WHERE nspname = $1`, [schema]);
    if (schema && !present) await dataSource.query(`CREATE SCHEMA "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
