/**
 * Least privilege in PostgreSQL: each service has an owner role, which owns its schema, tables,
 * triggers and functions and runs the migrations (`DATABASE_MIGRATION_URL`), and a runtime role
 * (`DATABASE_URL`) with USAGE on the schema and only the DML it needs. The runtime role can never
 * change a table's definition, disable a trigger or replace a function; on append-only tables it
 * can only INSERT and SELECT.
 */

/** Anything that runs SQL: a pg client, a TypeORM DataSource or QueryRunner. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function userOf(url: string): string | undefined {
  try {
    const user = decodeURIComponent(new URL(url).username);
    return user || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The owner role's URL by convention: the runtime role's name with `_owner`, same password and database.
 * Right only where both roles share a password (RACKEVAL_DB_PASSWORD, docker-compose); where each role has
 * its own generated password (npm start, the tests) DATABASE_MIGRATION_URL is given explicitly.
 */
export function ownerUrlOf(runtimeUrl: string): string {
  const user = userOf(runtimeUrl);
  if (!user) return runtimeUrl;
  const url = new URL(runtimeUrl);
  url.username = encodeURIComponent(`${user}_owner`);
  return url.toString();
}

/** The runtime role migrations grant to: the user of DATABASE_URL, unless the service runs as its owner. */
export function runtimeRoleOf(config: { DATABASE_URL: string; migrationUrl(): string }): string | undefined {
  const runtime = userOf(config.DATABASE_URL);
  return runtime && runtime !== userOf(config.migrationUrl()) ? runtime : undefined;
}

/**
 * Run by the owner before each migration run (idempotent): the runtime role may use the schema,
 * and every table and sequence the owner creates in it from now on gives the runtime role its DML
 * (never TRUNCATE, REFERENCES or TRIGGER). Append-only tables take UPDATE and DELETE back with
 * `appendOnly` in the migration that creates them.
 */
export async function grantRuntimeRole(db: SqlRunner, schema: string, runtimeRole: string): Promise<void> {
  const [s, r] = [quote(schema), quote(runtimeRole)];
  await db.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await db.query(`ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
  await db.query(`ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA ${s} GRANT USAGE ON SEQUENCES TO ${r}`);
}

/**
 * For migrations: nobody but the table's owner keeps UPDATE, DELETE or TRUNCATE on `table` (in the
 * current schema): the runtime role can only INSERT and SELECT (and UPDATE the `updatable` columns,
 * e.g. a mark that a correction superseded the row). Where the table has a trigger refusing
 * rewrites, it holds the owner too, and only the owner could disable it.
 */
export async function appendOnly(db: SqlRunner, table: string, options: { updatable?: string[] } = {}): Promise<void> {
  const rows = (await db.query(
    `SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee
       FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident($1))
        AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
        AND a.grantee <> c.relowner`,
    [table],
  )) as Array<{ grantee: string }>;
  for (const { grantee } of rows) {
    const role = grantee === 'PUBLIC' ? 'PUBLIC' : quote(grantee);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quote(table)} FROM ${role}`);
    if (options.updatable?.length)
      await db.query(`GRANT UPDATE (${options.updatable.map(quote).join(', ')}) ON ${quote(table)} TO ${role}`);
  }
}
