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
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number\n${USAGE}`);
      return n;
    };
    if (flag === '--seed') options.seed = int();
    else if (flag === '--only') options.only = value().split(',').filter(Boolean);
    else if (flag === '--racks') options.racks = Math.max(1, int());
    else if (flag === '--workers') options.workers = Math.max(1, int());
    else if (flag === '--window-ms') options.windowMs = int();
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--cluster') options.cluster = true;
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return options;
}
