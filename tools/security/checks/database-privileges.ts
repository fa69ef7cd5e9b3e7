/**
 * PostgreSQL as an attacker holding a service's runtime credentials would try it: the append-only
 * tables cannot be updated, deleted, truncated or have their triggers disabled; no table can be
 * truncated, altered or dropped; nothing can be created; another service's schema is out of reach.
 * Every statement runs in a transaction that is rolled back, so a broken promise damages nothing.
 */
import { RackevalSystem, SERVICES, ServiceName, testDatabaseRoles, withDatabase } from '@rackeval/testing';
import { Client } from 'pg';
import { CheckOutcome, Violation } from '../support/outcome';

/** Tables each service only appends to, with a column an UPDATE can name (not the one it may mark). */
export const APPEND_ONLY: Record<ServiceName, Record<string, string>> = {
  intake: { rack_history: 'reason', rack_correction: 'reason', rma_history: 'reason', attachment: 'filename' },
  'test-run': { run_transition: 'actor', test_plan: 'suites' },
  results: {
    criteria_version: 'generation',
    criterion: 'metric',
    diagnosis_criterion: 'symptom',
    run_transition: 'actor',
    measurement_correction: 'reason',
    measurement: 'value',
    verdict_revision: 'verdict',
    evaluation_verdict: 'outcome',
    evaluation_reopening: 'reason',
    evaluation_restart: 'reason',
    finding_history: 'note',
    finding_rma_return: 'kind',
    attachment: 'filename',
    manufacturer_feed_attempt: 'outcome',
    manufacturer_feed_delivery_history: 'to_state',
  },
  'purchase-option': {
    option_audit: 'reason',
    option_terms: 'unit_price',
    option_terms_review: 'note',
    cost_targets: 'max_unit_price',
    cost_targets_review: 'approved',
  },
};
const INSUFFICIENT_PRIVILEGE = '42501';

/** 'succeeded' or the SQLSTATE of one statement in its own transaction, rolled back whatever happens. */
async function attempt(client: Client, schema: string, sql: string): Promise<string> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL search_path TO ${client.escapeIdentifier(schema)}`);
    await client.query(sql);
    return 'succeeded';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.query('ROLLBACK');
  }
}

async function tablesOf(schema: string): Promise<string[]> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    );
    return rows.map((row) => row.name);
  });
}

export async function checkDatabasePrivileges(system: RackevalSystem): Promise<CheckOutcome> {
  const violations: Violation[] = [];
  let tried = 0;
  const mustFail = async (client: Client, name: ServiceName, schema: string, sql: string) => {
    tried++;
    const outcome = await attempt(client, schema, sql);
    if (outcome === INSUFFICIENT_PRIVILEGE) return;
    const role = testDatabaseRoles(name).runtime;
    const what = outcome === 'succeeded' ? 'succeeded' : `failed with SQLSTATE ${outcome}, not for want of privilege`;
    violations.push({
      what: `${name} runtime role ${role}: ${sql} ${what}`,
      reproduce: `psql "${testDatabaseRoles(name).runtimeUrl.replace(/:[^:@/]+@/, ':$RACKEVAL_DB_PASSWORD@')}" -c 'SET search_path TO ${schema}; ${sql}'`,
    });
  };
  for (const name of SERVICES) {
    const schema = system.schema(name);
    const tables = await tablesOf(schema);
    await withDatabase((client) => attackAs(client, name, schema, tables), testDatabaseRoles(name).runtimeUrl);
  }
  return { check: 'database privileges', target: 'each runtime role', tried, violations };

  async function attackAs(client: Client, name: ServiceName, schema: string, tables: string[]): Promise<void> {
    const fail = (sql: string) => mustFail(client, name, schema, sql);
    for (const [table, column] of Object.entries(APPEND_ONLY[name])) {
      if (!tables.includes(table)) {
        violations.push({
          what: `${name}: append-only table ${table} not found in ${schema}; the list in database-privileges.ts is stale`,
          reproduce: `\\dt ${schema}.*`,
        });
        continue;
      }
      await fail(`UPDATE ${table} SET ${column} = ${column} WHERE false`);
      await fail(`DELETE FROM ${table} WHERE false`);
      await fail(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
    }
    for (const table of tables) {
      await fail(`TRUNCATE ${table}`);
      await fail(`ALTER TABLE ${table} OWNER TO CURRENT_USER`);
      await fail(`DROP TABLE ${table}`);
    }
    await fail(`CREATE TABLE scratch (id int)`);
    await fail(`CREATE FUNCTION scratch() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
    for (const other of SERVICES.filter((candidate) => candidate !== name)) {
      const foreign = system.schema(other);
      await fail(`SELECT 1 FROM ${foreign}.outbox_message LIMIT 1`);
      await fail(`INSERT INTO ${foreign}.outbox_message DEFAULT VALUES`);
    }
  }
}
