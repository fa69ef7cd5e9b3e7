import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService, withDatabase } from '@rackeval/testing';
import { Client } from 'pg';
import { PurchaseOptionConfig } from '../src/config';
import { Api, evaluated, received, sendEvaluation, sendReceived, start } from './fixtures';

/** Each append-only table with a column an UPDATE can name. */
const APPEND_ONLY_COLUMN: Record<string, string> = { option_audit: 'reason', option_terms: 'generation', option_terms_review: 'note' };
const APPEND_ONLY = Object.keys(APPEND_ONLY_COLUMN);
/** Every append-only table: the cost targets and their reviews are the four-eyes trail like terms (their migration makes them append-only). */
const APPEND_ONLY_TABLES = [...APPEND_ONLY, 'cost_targets', 'cost_targets_review'];
const INSUFFICIENT_PRIVILEGE = '42501';

/** The service's own database role, as a process that stole its credentials would use it. */
async function connectAs(url: string, schema: string): Promise<Client> {
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe('purchase-option database roles', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;
  let runtime: Client;
  let owner: Client;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    const api = new Api(sut.url, tokens);
    await api.activeTerms('GDB', { unitPrice: '10.00', currency: 'USD', windowDays: 30, approvalThreshold: '100.00' });
    await sendReceived(received('RK-DB1', 'GDB'));
    await sendEvaluation(evaluated('RK-DB1', 'GDB'));
    await api.waitForOption('RK-DB1', 'EXERCISABLE');
    runtime = await connectAs(sut.config.DATABASE_URL, sut.config.DATABASE_SCHEMA);
    owner = await connectAs(sut.config.migrationUrl(), sut.config.DATABASE_SCHEMA);
  });

  afterAll(async () => {
    await runtime?.end();
    await owner?.end();
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('runs the service as a runtime role that is neither the owner of the schema nor of its tables', async () => {
    const { rows } = await withDatabase((db) =>
      db.query(
        `SELECT pg_get_userbyid(n.nspowner) AS schema_owner, array_agg(DISTINCT pg_get_userbyid(c.relowner)::text) AS table_owners
           FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind = 'r'
          WHERE n.nspname = $1 GROUP BY 1`,
        [sut.config.DATABASE_SCHEMA],
      ),
    );
    const [runtimeRole, ownerRole] = [new URL(sut.config.DATABASE_URL).username, new URL(sut.config.migrationUrl()).username];
    expect(runtimeRole).not.toBe(ownerRole);
    expect(rows).toEqual([{ schema_owner: ownerRole, table_owners: [ownerRole] }]);
  });

  it.each(APPEND_ONLY)('lets the runtime role only read and append %s: UPDATE, DELETE and TRUNCATE are refused', async (table) => {
    expect((await runtime.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBeGreaterThan(0);
    const column = APPEND_ONLY_COLUMN[table];
    for (const statement of [`UPDATE ${table} SET ${column} = ${column}`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
      expect({ statement, ...(await failure(runtime.query(statement))) }).toMatchObject({ statement, code: INSUFFICIENT_PRIVILEGE });
    }
  });

  it('lets the runtime role append to the audit trail', async () => {
    await runtime.query(
      `INSERT INTO option_audit (rack_serial, action, actor, occurred_at, reason) VALUES ('RK-DB1', 'OPENED', 'test', now(), 'appended by the runtime role')`,
    );
    const { rows } = await runtime.query(`SELECT reason FROM option_audit WHERE reason = 'appended by the runtime role'`);
    expect(rows).toHaveLength(1);
  });

  it.each(APPEND_ONLY)('keeps the runtime role from disabling or dropping the triggers of %s', async (table) => {
    for (const statement of [
      `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
      `ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`,
      `DROP TRIGGER ${table}_append_only ON ${table}`,
      `DROP TABLE ${table}`,
    ]) {
      expect({ statement, ...(await failure(runtime.query(statement))) }).toMatchObject({ statement, code: INSUFFICIENT_PRIVILEGE });
    }
  });

  it('keeps the runtime role from replacing the trigger function or creating anything in the schema', async () => {
    const replace = `CREATE OR REPLACE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`;
    expect(await failure(runtime.query(replace))).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect(await failure(runtime.query(`CREATE TABLE scratch (id int)`))).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect(await failure(runtime.query(`ALTER FUNCTION refuse_history_rewrite() OWNER TO CURRENT_USER`))).toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    });
  });

  it('still refuses history rewrites from the owner, through the trigger', async () => {
    expect(await failure(owner.query(`UPDATE option_audit SET reason = 'rewritten'`))).toMatchObject({
      message: expect.stringContaining('append-only'),
    });
    expect(await failure(owner.query(`DELETE FROM option_terms_review`))).toMatchObject({
      message: expect.stringContaining('append-only'),
    });
  });

  it('gives the runtime role the DML its other tables need, and never TRUNCATE', async () => {
    const { rows } = await runtime.query(
      `SELECT table_name,
              has_table_privilege(quote_ident(table_name), 'UPDATE') AS updates,
              has_table_privilege(quote_ident(table_name), 'DELETE') AS deletes,
              has_table_privilege(quote_ident(table_name), 'TRUNCATE') AS truncates
         FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
    );
    for (const row of rows) {
      const appendOnly = APPEND_ONLY_TABLES.includes(row.table_name);
      expect(row).toEqual({ table_name: row.table_name, updates: !appendOnly, deletes: !appendOnly, truncates: false });
    }
    expect(rows.map((row: { table_name: string }) => row.table_name)).toEqual(
      expect.arrayContaining([...APPEND_ONLY_TABLES, 'purchase_option', 'outbox_message']),
    );
  });
});
