/**
 * Least privilege in PostgreSQL, tried as an attacker holding a service's runtime credentials would:
 * every service runs as a role that owns nothing, may not change its history tables, cannot alter
 * a table or create anything, and cannot see another service's schema.
 */
import { SERVICES, ServiceName, testDatabaseRoles, withDatabase } from '@rackeval/testing';
import { APPEND_ONLY } from '../../../tools/security/checks/database-privileges';
import { systemPerFile } from './support/system';

const INSUFFICIENT_PRIVILEGE = '42501';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: { code?: string }) => error.code,
  );

/** One statement on a fresh connection as the service's runtime role, in its schema: 'succeeded' or the SQLSTATE. */
const asRuntime = (name: ServiceName, schema: string, sql: string) =>
  withDatabase(async (client) => {
    await client.query(`SET search_path TO "${schema}"`);
    return codeOf(client.query(sql));
  }, testDatabaseRoles(name).runtimeUrl);

describe('database roles of the running services', () => {
  const sut = systemPerFile();

  const runtime = (name: ServiceName) => (sql: string) => asRuntime(name, sut.system.schema(name), sql);
  const cases = SERVICES.flatMap((name) => Object.entries(APPEND_ONLY[name]).map(([table, column]) => ({ name, table, column })));

  it.each(cases)(
    '$name: the runtime role reads $table but cannot update, delete, truncate or alter it',
    async ({ name, table, column }) => {
      const db = runtime(name);
      expect(await db(`SELECT * FROM ${table} LIMIT 1`)).toBe('succeeded');
      const attempts = {
        update: `UPDATE ${table} SET ${column} = ${column}`,
        delete: `DELETE FROM ${table}`,
        truncate: `TRUNCATE ${table}`,
        alter: `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
        drop: `DROP TABLE ${table}`,
      };
      const outcomes = Object.fromEntries(await Promise.all(Object.entries(attempts).map(async ([what, sql]) => [what, await db(sql)])));
      expect(outcomes).toEqual({
        update: INSUFFICIENT_PRIVILEGE,
        delete: INSUFFICIENT_PRIVILEGE,
        truncate: INSUFFICIENT_PRIVILEGE,
        alter: INSUFFICIENT_PRIVILEGE,
        drop: INSUFFICIENT_PRIVILEGE,
      });
    },
  );

  it('results may only mark a measurement superseded, never change its value', async () => {
    const db = runtime('results');
    expect(await db(`UPDATE measurement SET superseded_by = superseded_by WHERE false`)).toBe('succeeded');
    expect(await db(`UPDATE measurement SET value = value WHERE false`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it.each(SERVICES)('%s: the runtime role owns nothing and can create nothing in its schema', async (name) => {
    const db = runtime(name);
    const owned = await withDatabase((client) =>
      client.query(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND pg_get_userbyid(c.relowner) = $2`,
        [sut.system.schema(name), testDatabaseRoles(name).runtime],
      ),
    );
    expect(owned.rows[0].n).toBe(0);
    expect(await db(`CREATE TABLE scratch (id int)`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await db(`CREATE FUNCTION scratch() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it.each(SERVICES)('%s: the runtime role cannot read another service schema', async (name) => {
    const other = SERVICES.find((candidate) => candidate !== name)!;
    expect(await runtime(name)(`SELECT * FROM "${sut.system.schema(other)}".outbox_message LIMIT 1`)).toBe(INSUFFICIENT_PRIVILEGE);
  });
});
