import { readFlags } from '../../support/flags';

export interface FaultOptions {
  seed: number;
  only?: string[];
  /** Racks (keys) driven per scenario. */
  racks: number;
  /** Chains in flight at once (one test bay each). */
  workers: number;
  /** How long each nemesis keeps injecting faults. */
  windowMs: number;
  /** Leave the suite's broker and PostgreSQL running afterwards, to look around. */
  keep: boolean;
  /** The scale-out scenario on the 3-broker cluster, two processes of every service (support/env.ts). */
  cluster: boolean;
}

const USAGE =
  'usage: npm run test:faults -- [--seed N] [--only=kill,pg-stop,…] [--racks N] [--workers N] [--window-ms N] [--keep] [--cluster]';

export function parseArgs(argv: string[]): FaultOptions {
  const options: FaultOptions = {
    seed: Math.floor(Math.random() * 1_000_000),
    racks: 32,
    workers: 6,
    windowMs: 16_000,
    keep: false,
    cluster: false,
  };
  readFlags(argv, USAGE, {
    '--seed': (value) => (options.seed = value.int()),
    '--only': (value) => (options.only = value.list()),
    '--racks': (value) => (options.racks = Math.max(1, value.int())),
    '--workers': (value) => (options.workers = Math.max(1, value.int())),
    '--window-ms': (value) => (options.windowMs = value.int()),
    '--keep': () => (options.keep = true),
    '--cluster': () => (options.cluster = true),
  });
  return options;
}
