// Which PostgreSQL is in use, as `node tools/setup/postgres.mjs ensure` recorded it in
// .rackeval/postgres.json, and every role's password, derived from the state folder's secret. Shared
// by that script and libs/testing (TypeScript run as CommonJS, which cannot load an ES module), hence
// plain CommonJS; types in postgres-in-use.d.cts. It reads, and makes the secret if none exists yet;
// it never starts anything. The environment is read on every call: tests change it as they go.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by design, as said above */
const { createHmac, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** The embedded server's superuser, and the OS user it runs as. */
const OS_USER = 'postgres';

const stateDir = () => process.env.RACKEVAL_STATE_DIR || path.join(ROOT, '.rackeval');
const embeddedPort = () => Number(process.env.RACKEVAL_PG_PORT || 54329);

/** The URL without its password, for messages and as the record's key. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** Same server and credentials, another database. */
function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

const probedAdminUrl = () => process.env.PG_ADMIN_URL || DEFAULT_ADMIN_URL;

/** The random secret every generated password derives from; made once (atomically) on first use. */
function secret() {
  const file = path.join(stateDir(), 'postgres', 'secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error; // another process made it first: use theirs
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** The generated password of a role. */
function generatedPassword(role) {
  return createHmac('sha256', secret()).update(`rackeval-postgres-role:${role}`).digest('base64url');
}

/** A service role's password: RACKEVAL_DB_PASSWORD when set, else the role's generated one. */
function rolePassword(role) {
  return process.env.RACKEVAL_DB_PASSWORD || generatedPassword(role);
}

function embeddedAdminUrl(database = 'postgres', port = embeddedPort()) {
  return `postgres://${OS_USER}:${encodeURIComponent(generatedPassword(OS_USER))}@127.0.0.1:${port}/${database}`;
}

/** The record `ensure` keeps: per probed admin URL (without password), the server decided. */
function readState() {
  try {
    return JSON.parse(fs.readFileSync(path.join(stateDir(), 'postgres.json'), 'utf8'));
  } catch {
    return { resolved: {} };
  }
}

/** What `ensure` last decided for the probed URL, if anything. */
const recorded = () => readState().resolved?.[redact(probedAdminUrl())];

/** What `ensure` last decided for the probed URL: 'existing' (also when nothing is recorded) or 'embedded'. */
function serverInUse() {
  return recorded()?.server === 'embedded' ? 'embedded' : 'existing';
}

/** The admin URL of the server in use: PG_ADMIN_URL (or the default), or the embedded server's superuser. */
function adminUrlInUse() {
  const entry = recorded();
  return entry?.server === 'embedded' ? embeddedAdminUrl('postgres', entry.port ?? embeddedPort()) : probedAdminUrl();
}

module.exports = {
  ROOT,
  DEFAULT_ADMIN_URL,
  OS_USER,
  stateDir,
  embeddedPort,
  redact,
  withDatabase,
  probedAdminUrl,
  generatedPassword,
  rolePassword,
  embeddedAdminUrl,
  readState,
  recorded,
  serverInUse,
  adminUrlInUse,
};
