import { loadConfig, migrateService, migrationOptions } from '@rackeval/platform';
import { dropSchema, ensureTestDatabaseRoles, testServiceEnv, withDatabase } from '@rackeval/testing';
import { DataSource } from 'typeorm';
import { PurchaseOptionConfig } from '../src/config';
import { purchaseOptionService } from '../src/service';

const tablesIn = (schema: string) =>
  withDatabase(async (client) =>
    (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).rows.map(
      (row: { table_name: string }) => row.table_name,
    ),
  );

const OWN_MIGRATIONS = [
  'PurchaseOptionTables1764200000000',
  'OptionIntakeRejection1764300000000',
  'AppendOnlyPrivileges1764500000000',
  'TermsFourEyes1764600000000',
];

describe('purchase-option migrations', () => {
  const config = loadConfig(PurchaseOptionConfig, testServiceEnv('purchase-option', '/dev/null'));
  const parts = purchaseOptionService(config);
  const options = migrationOptions(config, parts);

  beforeAll(() => ensureTestDatabaseRoles('purchase-option'));
  afterAll(() => dropSchema(config.DATABASE_SCHEMA));

  it('apply, revert and apply again on a fresh schema', async () => {
    await migrateService(config, parts);
    expect(await tablesIn(config.DATABASE_SCHEMA)).toEqual(
      expect.arrayContaining(['option_audit', 'option_terms', 'option_terms_review', 'purchase_option', 'rack_evaluation']),
    );

    const dataSource = new DataSource(options);
    await dataSource.initialize();
    try {
      // Undone newest first until the service's first migration is (shared ones may sit between them).
      const applied = async () => (await dataSource.query(`SELECT name FROM schema_migrations`)).map((row: { name: string }) => row.name);
      while ((await applied()).includes(OWN_MIGRATIONS[0])) await dataSource.undoLastMigration({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    const reverted = await tablesIn(config.DATABASE_SCHEMA);
    expect(reverted).not.toContain('purchase_option');
    expect(reverted).not.toContain('option_audit');
    expect(reverted).not.toContain('option_terms_review');
    expect(reverted).toContain('outbox_message');

    const reapplied = await migrateService(config, parts);
    expect(reapplied.filter((name) => OWN_MIGRATIONS.includes(name))).toEqual(OWN_MIGRATIONS);
  });
});
