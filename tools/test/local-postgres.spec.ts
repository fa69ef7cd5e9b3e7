import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAdminUrl, localRolePassword, urlWithDatabase } from '../../libs/testing/src/local-postgres';

// tools/setup/postgres.mjs decides which PostgreSQL is in use and records it; libs/testing reads the
// same record (and derives the same passwords) for every test, the security suite, e2e and bench.

const ROOT = join(__dirname, '..', '..');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const VARIABLES = ['RACKEVAL_STATE_DIR', 'PG_ADMIN_URL', 'RACKEVAL_DB_PASSWORD'] as const;

describe('which PostgreSQL the scripts and the tests use', () => {
  let stateDir: string;
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

  /** The administrator URL the script gives (what setup.mjs and npm start use). */
  const scriptUrl = (database = 'postgres') =>
    execFileSync(process.execPath, [join(ROOT, 'tools', 'setup', 'postgres.mjs'), 'url', database], {
      env: process.env,
      encoding: 'utf8',
    }).trim();

  const recordEmbedded = (probed: string, port: number) => {
    writeFileSync(join(stateDir, 'postgres.json'), JSON.stringify({ resolved: { [probed]: { server: 'embedded', port } } }));
  };

  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'rackeval-state-'));
    process.env.RACKEVAL_STATE_DIR = stateDir;
    delete process.env.PG_ADMIN_URL;
    delete process.env.RACKEVAL_DB_PASSWORD;
  });

  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('uses PG_ADMIN_URL, or 127.0.0.1:5432, while nothing else was decided', () => {
    expect(scriptUrl()).toBe(DEFAULT_ADMIN_URL);
    expect(localAdminUrl()).toBe(DEFAULT_ADMIN_URL);

    process.env.PG_ADMIN_URL = 'postgres://admin:s3cret@db.example:6543/postgres';
    expect(scriptUrl('rackeval_test')).toBe('postgres://admin:s3cret@db.example:6543/rackeval_test');
    expect(urlWithDatabase(localAdminUrl(), 'rackeval_test')).toBe('postgres://admin:s3cret@db.example:6543/rackeval_test');
  });

  it('once the embedded server was chosen, scripts and tests both reach it on its port with its generated superuser password', () => {
    recordEmbedded(DEFAULT_ADMIN_URL, 54999);
    const fromScript = new URL(scriptUrl('rackeval_test'));
    expect(fromScript.host).toBe('127.0.0.1:54999');
    expect(fromScript.username).toBe('postgres');
    expect(fromScript.password.length).toBeGreaterThanOrEqual(40);
    expect(urlWithDatabase(localAdminUrl(), 'rackeval_test')).toBe(fromScript.toString());
  });

  it('keeps each probed URL to its own decision: another PG_ADMIN_URL is used as it is', () => {
    recordEmbedded(DEFAULT_ADMIN_URL, 54999);
    process.env.PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5433/postgres';
    expect(scriptUrl()).toBe('postgres://postgres@127.0.0.1:5433/postgres');
    expect(localAdminUrl()).toBe('postgres://postgres@127.0.0.1:5433/postgres');
  });

  it('gives every role its own stable password from a private secret, or RACKEVAL_DB_PASSWORD for all', () => {
    const runtime = localRolePassword('rackeval_test_intake');
    const owner = localRolePassword('rackeval_test_intake_owner');
    expect(runtime).not.toBe(owner);
    expect(localRolePassword('rackeval_test_intake')).toBe(runtime);
    expect(runtime).not.toBe('rackeval');
    expect(statSync(join(stateDir, 'postgres', 'secret')).mode & 0o077).toBe(0);

    process.env.RACKEVAL_DB_PASSWORD = 'compose-password';
    expect(localRolePassword('rackeval_test_intake')).toBe('compose-password');
  });

  it('a new secret (npm run db:reset) gives new passwords', () => {
    const before = localRolePassword('rackeval_intake');
    rmSync(join(stateDir, 'postgres'), { recursive: true });
    mkdirSync(join(stateDir, 'postgres'));
    expect(localRolePassword('rackeval_intake')).not.toBe(before);
  });
});
