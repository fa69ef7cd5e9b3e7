import { TestTokens } from '@rackeval/auth/testing';
import { RackevalSystem } from '@rackeval/testing';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Api } from './api';

export const ROOT = path.resolve(__dirname, '../..');

/** The broker (started if it is not running) and the databases and roles (idempotent). */
export function ensureInfrastructure(): void {
  execFileSync('bash', ['infra/kafka/kafka.sh', 'start'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, ['infra/postgres/setup.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface Bench {
  system: RackevalSystem;
  api: Api;
  stop(): Promise<void>;
}

/**
 * All four services as child processes on fresh schemas of the test database and this run's
 * topics; never the `rackeval` database. Logs quiet: a bench measures the services, not a terminal.
 */
export async function startServices(options: { profileDir?: string } = {}): Promise<Bench> {
  const tokens = await TestTokens.create();
  const quiet = { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' };
  const system = await RackevalSystem.start({
    publicKeyFile: tokens.publicKeyFile,
    env: { intake: quiet, 'test-run': quiet, results: quiet, 'purchase-option': quiet },
    nodeArgs: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
  });
  const api = new Api(system, tokens);
  return { system, api, stop: () => stopBench(api, system, tokens) };
}

/** Ends a bench system: the API's connection pool, then the services, then the tokens' key files. */
export async function stopBench(api: Api, system: RackevalSystem, tokens: TestTokens): Promise<void> {
  await api.close();
  await system.stop();
  await tokens.dispose();
}
