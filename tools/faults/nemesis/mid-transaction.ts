import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sleep } from '../support/log';
import { FaultSystem } from '../system/fault-system';
import { ServiceInstance } from '../system/service-instance';

const run = promisify(execFile);

/**
 * Finds a service process holding an open transaction: a backend of the scenario's database
 * inside a transaction, whose client socket (its port, matched with `ss -tnp`) belongs to one
 * of the service processes. Returns undefined if none is caught within `timeoutMs`.
 */
export async function frozenMidTransaction(system: FaultSystem, timeoutMs: number): Promise<ServiceInstance | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const backends = await system.pg
      .query<{ port: number }>(
        'postgres',
        `SELECT client_port AS port FROM pg_stat_activity WHERE datname = $1 AND xact_start IS NOT NULL AND pid <> pg_backend_pid() AND client_port > 0`,
        [system.setting.database],
      )
      .catch(() => []);
    if (backends.length) {
      const { stdout } = await run('ss', ['-tnpH']).catch(() => ({ stdout: '' }));
      for (const { port } of backends) {
        const line = stdout.split('\n').find((entry) => entry.includes(`127.0.0.1:${port} `) && entry.includes(`:${system.pg.port} `));
        const pid = Number(/pid=(\d+)/.exec(line ?? '')?.[1]);
        const owner = system.instances.find((instance) => instance.pid === pid);
        if (owner?.freeze()) return owner;
      }
    }
    await sleep(20);
  }
  return undefined;
}
