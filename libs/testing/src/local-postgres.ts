import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which PostgreSQL this machine uses, as `node tools/setup/postgres.mjs ensure` (run by `npm start`
 * and `npm test`) recorded it in `.rackeval/postgres.json`: the server at PG_ADMIN_URL (default
 * 127.0.0.1:5432) when it answered, else the embedded one. Reads the same record and derives the
 * same generated passwords as that script; it never starts anything.
 */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = Number(process.env.RACKEVAL_PG_PORT || 54329);

/** The repository root: the nearest folder above this file (src or dist) holding nx.json. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const stateDir = () => process.env.RACKEVAL_STATE_DIR || path.join(repositoryRoot(), '.rackeval');

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** Same server and credentials, another database. */
export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

const probedAdminUrl = () => process.env.PG_ADMIN_URL || DEFAULT_ADMIN_URL;

interface Resolution {
  server: 'existing' | 'embedded';
  port?: number;
}

function recorded(): Resolution | undefined {
  try {
    const state = JSON.parse(readFileSync(path.join(stateDir(), 'postgres.json'), 'utf8')) as { resolved?: Record<string, Resolution> };
    return state.resolved?.[redact(probedAdminUrl())];
  } catch {
    return undefined;
  }
}

/** The random secret of tools/setup/postgres.mjs; made once (atomically) if no script has made it yet. */
function secret(): string {
  const file = path.join(stateDir(), 'postgres', 'secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/** A role's password: RACKEVAL_DB_PASSWORD when set, else generated (per role, from the state folder's secret). */
export function localRolePassword(role: string): string {
  return process.env.RACKEVAL_DB_PASSWORD || createHmac('sha256', secret()).update(`rackeval-postgres-role:${role}`).digest('base64url');
}

/** Which server is in use for PG_ADMIN_URL (or the default), as last recorded. */
export function localServerInUse(): Resolution['server'] {
  return recorded()?.server === 'embedded' ? 'embedded' : 'existing';
}

/** The administrator URL of the server in use: PG_ADMIN_URL (or the default), or the embedded server's superuser. */
export function localAdminUrl(): string {
  const entry = recorded();
  if (entry?.server !== 'embedded') return probedAdminUrl();
  const password = createHmac('sha256', secret()).update('rackeval-postgres-role:postgres').digest('base64url');
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${entry.port ?? EMBEDDED_PORT}/postgres`;
}
