#!/usr/bin/env node
// Idempotent local PostgreSQL setup for rackeval: databases, two login roles per service and one
// schema per service in the main database. The owner role `rackeval_<schema>_owner` owns the schema
// and everything in it and runs the migrations; the runtime role `rackeval_<schema>` the service
// runs as has USAGE on the schema and DML on its tables, granted by default privileges of the owner
// (append-only tables keep only INSERT and SELECT: their migrations revoke the rest).
// Every role logs in with its own password: generated into the git-ignored state folder
// (.rackeval/postgres/secret, see tools/setup/postgres.mjs), or RACKEVAL_DB_PASSWORD for all of them
// when set; an existing role gets its password set to that one, so the services can log in with
// password authentication. Safe to run any number of times; prints one line per object.
//
//   node infra/postgres/setup.mjs
//
// The server: the configured or default (postgres://postgres@127.0.0.1:5432/postgres) PG_ADMIN_URL when
// it answers, else the embedded server, started if needed (tools/setup/postgres.mjs decides).
// Env: PG_ADMIN_URL, RACKEVAL_DB (rackeval), RACKEVAL_TEST_DB (rackeval_test), RACKEVAL_DB_PASSWORD (unset).
import pg from 'pg';
import { ensurePostgres, redact, rolePassword, withDatabase as urlForDatabase } from '../../tools/setup/postgres.mjs';

const DB = process.env.RACKEVAL_DB || 'rackeval';
const TEST_DB = process.env.RACKEVAL_TEST_DB || 'rackeval_test';

// One schema per service; its runtime role is rackeval_<schema>, its owner role rackeval_<schema>_owner.
const SCHEMAS = ['intake', 'test_run', 'results', 'purchase_option'];
const roleFor = (schema) => `rackeval_${schema}`;
const ownerFor = (schema) => `${roleFor(schema)}_owner`;

// SQLSTATEs for "already exists": another setup run may race us between check and create.
const DUPLICATE_DATABASE = '42P04';
const DUPLICATE_OBJECT = '42710';
const DUPLICATE_SCHEMA = '42P06';

async function connect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    const reason = err.message || err.code || String(err);
    throw new SetupError(`cannot reach PostgreSQL at ${redact(url)}: ${reason}`);
  }
  return client;
}

class SetupError extends Error {}

/** Runs `create` unless `exists` finds a row; a lost race counts as "already present". */
async function ensure(client, label, { exists, create, duplicateCode }) {
  const found = await client.query(exists.sql, exists.params);
  if (found.rowCount > 0) {
    console.log(`${label}: already present`);
    return false;
  }
  try {
    await client.query(create);
  } catch (err) {
    if (err.code === duplicateCode) {
      console.log(`${label}: already present`);
      return false;
    }
    throw err;
  }
  console.log(`${label}: created`);
  return true;
}

async function ensureDatabase(admin, name) {
  await ensure(admin, `database ${name}`, {
    exists: { sql: 'SELECT 1 FROM pg_database WHERE datname = $1', params: [name] },
    create: `CREATE DATABASE ${admin.escapeIdentifier(name)}`,
    duplicateCode: DUPLICATE_DATABASE,
  });
}

async function ensureRole(admin, name) {
  // CREATE ROLE takes no bind parameters, hence the escaped literal.
  const password = admin.escapeLiteral(rolePassword(name));
  const created = await ensure(admin, `role ${name}`, {
    exists: { sql: 'SELECT 1 FROM pg_roles WHERE rolname = $1', params: [name] },
    create: `CREATE ROLE ${admin.escapeIdentifier(name)} LOGIN PASSWORD ${password}`,
    duplicateCode: DUPLICATE_OBJECT,
  });
  // An existing role (made earlier, by hand, or with another secret) logs in with the password the services get.
  if (!created) await admin.query(`ALTER ROLE ${admin.escapeIdentifier(name)} LOGIN PASSWORD ${password}`);
}

async function ensureSchema(db, schema) {
  const [owner, runtime] = [ownerFor(schema), roleFor(schema)];
  const [s, o, r] = [schema, owner, runtime].map((name) => db.escapeIdentifier(name));
  const label = `schema ${DB}.${schema}`;
  const created = await ensure(db, label, {
    exists: { sql: 'SELECT 1 FROM pg_namespace WHERE nspname = $1', params: [schema] },
    create: `CREATE SCHEMA ${s} AUTHORIZATION ${o}`,
    duplicateCode: DUPLICATE_SCHEMA,
  });
  if (!created) {
    const { rows } = await db.query('SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1', [schema]);
    const previous = rows[0]?.owner;
    if (previous === runtime) {
      // The layout before owner roles: the runtime role owned the schema and all in it. The owner
      // takes everything over; the runtime role keeps DML on the tables that exist (the migrations
      // that made tables append-only take UPDATE and DELETE back when they run next).
      await db.query(`REASSIGN OWNED BY ${r} TO ${o}`);
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
      await db.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
      console.log(`${label}: ownership moved from ${runtime} to ${owner}`);
    } else if (previous !== owner) {
      // A schema that predates this script (or was created by hand) gets the right owner.
      await db.query(`ALTER SCHEMA ${s} OWNER TO ${o}`);
      console.log(`${label}: owner changed from ${previous} to ${owner}`);
    }
  }
  // The runtime role uses the schema and gets DML (no TRUNCATE) on what the owner creates in it.
  await db.query(`REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`);
  await db.query(`REVOKE CREATE ON SCHEMA ${s} FROM ${r}`);
  await db.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await db.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
  await db.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA ${s} GRANT USAGE ON SEQUENCES TO ${r}`);
  console.log(`${label}: owned by ${owner}; ${runtime} has USAGE and default DML`);
}

/**
 * Each service's roles may use only its own schema. Owners get USAGE implicitly and runtime roles
 * by the grant above; nobody else does unless it was granted (directly or to PUBLIC) — revoke any such grant.
 */
async function enforceSchemaIsolation(db) {
  const crossUsage = async () => {
    const { rows } = await db.query(
      `SELECT r.role, s.schema
         FROM unnest($1::text[]) AS r(role), unnest($2::text[]) AS s(schema)
        WHERE r.role NOT IN ('rackeval_' || s.schema, 'rackeval_' || s.schema || '_owner')
          AND has_schema_privilege(r.role, s.schema, 'USAGE')`,
      [SCHEMAS.flatMap((schema) => [roleFor(schema), ownerFor(schema)]), SCHEMAS],
    );
    return rows;
  };
  let leaks = await crossUsage();
  for (const { role, schema } of leaks) {
    const s = db.escapeIdentifier(schema);
    await db.query(`REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`);
    await db.query(`REVOKE ALL ON SCHEMA ${s} FROM ${db.escapeIdentifier(role)}`);
    console.log(`schema ${DB}.${schema}: revoked access of ${role}`);
  }
  leaks = await crossUsage();
  if (leaks.length > 0) {
    // Left over only if granted through role membership; that needs a human decision.
    const list = leaks.map(({ role, schema }) => `${role} -> ${schema}`).join(', ');
    throw new SetupError(`service roles still have USAGE on other services' schemas: ${list}`);
  }
  console.log(`schema isolation: ok (no service role has USAGE on another service's schema)`);
}

async function main() {
  const { adminUrl: ADMIN_URL, server } = await ensurePostgres({ quiet: true }).catch((err) => {
    throw new SetupError(err.message);
  });
  console.log(`server: ${redact(ADMIN_URL)} (${server === 'embedded' ? 'the embedded PostgreSQL' : 'existing'})`);
  const admin = await connect(ADMIN_URL);
  try {
    for (const name of [DB, TEST_DB]) await ensureDatabase(admin, name);
    for (const schema of SCHEMAS) {
      await ensureRole(admin, ownerFor(schema));
      await ensureRole(admin, roleFor(schema));
    }
  } finally {
    await admin.end();
  }

  const db = await connect(urlForDatabase(ADMIN_URL, DB));
  try {
    for (const schema of SCHEMAS) await ensureSchema(db, schema);
    await enforceSchemaIsolation(db);
  } finally {
    await db.end();
  }
}

main().catch((err) => {
  const message = err instanceof SetupError ? err.message : `setup failed: ${err.stack || err}`;
  console.error(`[postgres setup] ${message}`);
  process.exit(1);
});
