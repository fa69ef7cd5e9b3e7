import { readFlags } from '../../support/flags';

export interface SecurityOptions {
  seed: number;
  /** Generated bodies per POST/PUT operation. */
  bodies: number;
  /** Leave out these checks (see CHECKS), e.g. to iterate on one; a skipped check is not in the summary. */
  skip: string[];
}

const CHECKS = 'policy, matrix, tickets, accounts, fixture, csv, fuzz, db, kafka, throttle, logs';
const USAGE = `usage: npm run test:security -- [--seed N] [--bodies N] [--skip=<checks>] | --write-policy\n  checks: ${CHECKS}`;

export function parseArgs(argv: string[]): SecurityOptions {
  const options: SecurityOptions = { seed: Math.floor(Math.random() * 1_000_000), bodies: 24, skip: [] };
  readFlags(argv, USAGE, {
    '--seed': (value) => (options.seed = value.int()),
    '--bodies': (value) => (options.bodies = Math.max(1, value.int())),
    '--skip': (value) => {
      options.skip = value.list();
      const unknown = options.skip.filter((name) => !CHECKS.split(', ').includes(name));
      if (unknown.length) throw new Error(`unknown check(s) ${unknown.join(', ')}\n${USAGE}`);
    },
  });
  return options;
}
