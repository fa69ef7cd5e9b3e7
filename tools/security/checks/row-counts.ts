import { withDatabase } from '@rackeval/testing';
import { sleep } from '../support/log';

/** Exact row counts of every table in a schema, read as the superuser (statistics would lag). */
export async function rowCounts(schema: string): Promise<Record<string, number>> {
  return withDatabase(async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
      [schema],
    );
    if (!tables.length) return {};
    const s = client.escapeIdentifier(schema);
    const sql = tables
      .map(({ name }) => `SELECT ${client.escapeLiteral(name)} AS name, count(*)::int AS n FROM ${s}.${client.escapeIdentifier(name)}`)
      .join(' UNION ALL ');
    const { rows } = await client.query<{ name: string; n: number }>(sql);
    return Object.fromEntries(rows.map((row) => [row.name, row.n]));
  });
}

/** The tables whose counts differ, as `table a→b`. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name] ?? 0}→${after[name] ?? 0}`);
}

/** Waits until nothing in the schema moves (relays and consumers finished), up to a few seconds. */
export async function settledCounts(schema: string): Promise<Record<string, number>> {
  let previous = await rowCounts(schema);
  for (let tries = 0; tries < 20; tries++) {
    await sleep(150);
    const current = await rowCounts(schema);
    if (!changedTables(previous, current).length) return current;
    previous = current;
  }
  return previous;
}
