import { databaseOptions, loadConfig, runMigrations } from '@rackeval/platform';
import { dropSchema, testServiceEnv, withDatabase } from '@rackeval/testing';
import { DataSource } from 'typeorm';
import { PurchaseOptionConfig } from '../src/config';
import { purchaseOptionService } from '../src/service';

const tablesIn = (schema: string) =>
  withDatabase(async (client) =>
    (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).rows.map(
      (row: { table_name: string }) => row.table_name,
    ),
  );

describe('purchase-option migrations', () => {
  const config = loadConfig(PurchaseOptionConfig, testServiceEnv('purchase-option', '/dev/null'));
  const options = databaseOptions(config, purchaseOptionService(config));

  afterAll(() => dropSchema(config.DATABASE_SCHEMA));

  it('apply, revert and apply again on a fresh schema', async () => {
    await runMigrations(options);
    expect(await tablesIn(config.DATABASE_SCHEMA)).toEqual(
      expect.arrayContaining(['option_audit', 'option_terms', 'purchase_option', 'rack_evaluation']),
    );

    const dataSource = new DataSource(options);
    await dataSource.initialize();
    try {
      await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.undoLastMigration({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
    const reverted = await tablesIn(config.DATABASE_SCHEMA);
    expect(reverted).not.toContain('purchase_option');
    expect(reverted).not.toContain('option_audit');
    expect(reverted).toContain('outbox_message');

    expect(await runMigrations(options)).toEqual(['PurchaseOptionTables1764200000000', 'OptionIntakeRejection1764300000000']);
  });
});
