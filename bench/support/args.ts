/** Command-line options of `npm run bench`; every size has a default that fits a 2-core machine. */
export const SCENARIOS = ['ingestion', 'decision', 'lifecycle', 'fleet', 'scale'] as const;
/** Left out of `--quick` (named with --only they still run): `scale` starts four more systems, minutes on 2 cores. */
export const NOT_IN_QUICK: readonly ScenarioName[] = ['scale'];
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Each service writes a V8 CPU profile (`.cpuprofile`, for Chrome DevTools) into bench/results/profiles/ when it stops. */
  profile: boolean;
  only: ScenarioName[];
  /** Measurements through each ingestion path (rounded up to whole batches). */
  measurements: number;
  batchSize: number;
  /** Rows saved one by one through TypeORM for the naive reference. */
  naiveSample: number;
  /** Racks whose decision latency is sampled. */
  racks: number;
  /** Racks taken from delivery to a finance decision, and how many at once. */
  lifecycleRacks: number;
  concurrency: number;
  fleetRacks: number;
  fleetMeasurements: number;
  /** Purchase options seeded (at least one per fleet rack; the racks past `fleetRacks` exist in purchase-option only), for the deep pages and the CSV export. */
  fleetOptions: number;
  /** Requests per fleet read. */
  fleetSamples: number;
}

const DEFAULTS: Omit<BenchOptions, 'quick' | 'profile' | 'only'> = {
  measurements: 1_000_000,
  batchSize: 10_000,
  naiveSample: 2_000,
  racks: 60,
  lifecycleRacks: 150,
  concurrency: 16,
  fleetRacks: 7_500,
  fleetMeasurements: 1_000_000,
  fleetOptions: 100_000,
  fleetSamples: 200,
};

const QUICK: Omit<BenchOptions, 'quick' | 'profile' | 'only'> = {
  measurements: 20_000,
  batchSize: 10_000,
  naiveSample: 200,
  racks: 5,
  lifecycleRacks: 6,
  concurrency: 3,
  fleetRacks: 400,
  fleetMeasurements: 20_000,
  fleetOptions: 2_000,
  fleetSamples: 20,
};

const FLAGS: Record<string, keyof typeof DEFAULTS> = {
  measurements: 'measurements',
  'batch-size': 'batchSize',
  'naive-sample': 'naiveSample',
  racks: 'racks',
  'lifecycle-racks': 'lifecycleRacks',
  concurrency: 'concurrency',
  'fleet-racks': 'fleetRacks',
  'fleet-measurements': 'fleetMeasurements',
  'fleet-options': 'fleetOptions',
  'fleet-samples': 'fleetSamples',
};

export function parseArgs(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    quick,
    profile: argv.includes('--profile'),
    only: SCENARIOS.filter((name) => !(quick && NOT_IN_QUICK.includes(name))),
    ...(quick ? QUICK : DEFAULTS),
  };
  for (const arg of argv) {
    if (arg === '--quick' || arg === '--profile') continue;
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg} (use --quick, --profile, --only=<${SCENARIOS.join('|')}>[,…], --<size>=<n>)`);
    const [, name, value] = match;
    if (name === 'only') {
      const wanted = value.split(',');
      const unknown = wanted.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
      if (unknown.length) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
      options.only = wanted as ScenarioName[];
      continue;
    }
    const key = FLAGS[name];
    const number = Number(value.replace(/_/g, ''));
    if (!key || !Number.isInteger(number) || number <= 0) throw new Error(`bad argument ${arg} (sizes: ${Object.keys(FLAGS).join(', ')})`);
    options[key] = number;
  }
  if (options.batchSize > 10_000) throw new Error('--batch-size: the API accepts batches of up to 10,000');
  return options;
}
