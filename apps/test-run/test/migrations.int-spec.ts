import { loadConfig, migrateService, migrationOptions } from '@rackeval/platform';
import { dropSchema, ensureTestDatabaseRoles, testServiceEnv, withDatabase } from '@rackeval/testing';
import { DataSource } from 'typeorm';
import { TestRunConfig } from '../src/config';
import { testRunService } from '../src/service';

const tables = (schema: string) =>
  withDatabase(async (client) =>
    (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).rows.map(
      (row: { table_name: string }) => row.table_name,
    ),
  );

const OWN_MIGRATIONS = ['TestRunTables1764200000000', 'KnownRackEventTime1764460800000', 'AppendOnlyRunTransitions1764500000000'];

describe('test-run migrations', () => {
  const config = loadConfig(TestRunConfig, testServiceEnv('test-run', '/dev/null'));
  const parts = testRunService(config);
  const options = migrationOptions(config, parts);
  beforeAll(() => ensureTestDatabaseRoles('test-run'));
  afterAll(() => dropSchema(config.DATABASE_SCHEMA));

  it('apply, revert and apply again', async () => {
    await migrateService(config, parts);
    expect(await tables(config.DATABASE_SCHEMA)).toEqual(
      expect.arrayContaining(['bay', 'known_generation', 'known_rack', 'run', 'run_transition', 'test_plan']),
    );

    const dataSource = await new DataSource(options).initialize();
    try {
      // Undone newest first until the service's first migration is (shared ones may sit between them).
      const applied = async () => (await dataSource.query(`SELECT name FROM schema_migrations`)).map((row: { name: string }) => row.name);
      while ((await applied()).includes(OWN_MIGRATIONS[0])) await dataSource.undoLastMigration({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    const reverted = await tables(config.DATABASE_SCHEMA);
    expect(reverted).not.toContain('run');
    expect(reverted).not.toContain('known_rack');

    const reapplied = await migrateService(config, parts);
    expect(reapplied.filter((name) => OWN_MIGRATIONS.includes(name))).toEqual(OWN_MIGRATIONS);
  });
});
