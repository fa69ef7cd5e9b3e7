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
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number\n${USAGE}`);
      return n;
    };
    if (flag === '--seed') options.seed = int();
    else if (flag === '--bodies') options.bodies = Math.max(1, int());
    else if (flag === '--skip') {
      options.skip = value().split(',').filter(Boolean);
      const unknown = options.skip.filter((name) => !CHECKS.split(', ').includes(name));
      if (unknown.length) throw new Error(`unknown check(s) ${unknown.join(', ')}\n${USAGE}`);
    } else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return options;
}
