import { ServiceName, sleep } from '@rackeval/testing';
import { Api } from '../support/api';
import { BenchOptions } from '../support/args';
import { Report, log } from '../support/report';
import { latencySummary, now, round, since } from '../support/stats';
import { FLEET_GENERATIONS, seedFleet } from '../fleet/seed';
import { concluded } from '../fleet/model';

interface Read {
  name: string;
  user: string;
  service: ServiceName;
  path: (i: number) => string;
  /** A sanity check on the answer, so a read that finds nothing is not mistaken for a fast one. */
  check: (body: Record<string, unknown>) => boolean;
  /** p95 target in ms (50 unless said). */
  target?: number;
  /** Spread the samples over at least this long (ms) instead of sending them back to back. */
  spanMs?: number;
}

/** Every fleet generation has its column in a programme answer. */
const everyGeneration = (body: Record<string, unknown>) => {
  const seen = new Set((body.generations as Array<{ generation: string }>).map((g) => g.generation));
  return FLEET_GENERATIONS.every((code) => seen.has(code));
};
const PROGRAMME_TARGET = 50;
/**
 * The programme figures are a snapshot answered as stored for 5 s, then answered while recomputed
 * in the background. Back to back, 200 samples take about a second and rarely meet a recomputation;
 * spread over 12 s they meet two or more, as readers do all day.
 */
const PROGRAMME_SPAN_MS = 12_000;
/** The programme figures of one service, for every generation (the /programme page) and for one. */
const programmeReads = (service: ServiceName, check: (body: Record<string, unknown>) => boolean): Read[] => [
  {
    name: `${service} programme`,
    user: 'vic',
    service,
    path: () => '/v1/programme',
    check: (b) => everyGeneration(b) && check(b),
    target: PROGRAMME_TARGET,
    spanMs: PROGRAMME_SPAN_MS,
  },
  {
    name: `${service} programme, one generation`,
    user: 'vic',
    service,
    path: (i) => `/v1/programme?generation=${FLEET_GENERATIONS[i % FLEET_GENERATIONS.length]}`,
    check: (b) => (b.generations as unknown[]).length === 1,
    target: PROGRAMME_TARGET,
    spanMs: PROGRAMME_SPAN_MS,
  },
];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are checked loosely, by shape
type Figures = Array<Record<string, any>>;
/** The fleet's own generations in a programme answer (earlier scenarios of the same run add others). */
const gens = (b: Record<string, unknown>) =>
  (b.generations as Figures).filter((g) => (FLEET_GENERATIONS as readonly string[]).includes(g.generation));

const BOARD_STATES = ['IN_EVALUATION', 'EVALUATION_PASSED', 'PURCHASED', 'EVALUATION_FAILED'];
const nonEmpty = (body: Record<string, unknown>) => Array.isArray(body.items) && body.items.length > 0;

/** Scenario 4: p50/p95 of the reads people make all day, against a seeded fleet. */
export async function fleetReads(api: Api, options: BenchOptions, report: Report): Promise<void> {
  log(`  seeding ${options.fleetRacks} racks, ${options.fleetMeasurements} measurements (COPY, not measured)`);
  const seeded = await seedFleet(api, options.fleetRacks, options.fleetMeasurements);
  log(`  seeded ${seeded.rows} rows in ${seeded.seconds.toFixed(1)} s`);
  const pick = <T>(items: readonly T[], i: number) => items[(i * 7919) % items.length];
  const all = seeded.racks;
  const judged = all.filter(concluded);
  const reads: Read[] = [
    {
      name: 'rack board (generation + state)',
      user: 'vic',
      service: 'intake',
      path: (i) => `/v1/racks?generation=${pick(FLEET_GENERATIONS, i)}&state=${BOARD_STATES[i % BOARD_STATES.length]}&limit=50`,
      check: nonEmpty,
    },
    {
      name: "rack's page",
      user: 'vic',
      service: 'intake',
      path: (i) => `/v1/racks/${pick(all, i).serial}`,
      check: (b) => typeof b.serial === 'string',
    },
    {
      name: "rack's evaluation",
      user: 'vic',
      service: 'results',
      path: (i) => `/v1/racks/${pick(judged, i).serial}/evaluation`,
      check: (b) => b.outcome === 'PASSED' || b.outcome === 'FAILED',
    },
    {
      name: 'finance option queue',
      user: 'fiona',
      service: 'purchase-option',
      path: (i) => (i % 2 ? `/v1/options?state=EXERCISABLE&generation=${pick(FLEET_GENERATIONS, i)}` : '/v1/options?state=EXERCISABLE'),
      check: nonEmpty,
    },
    {
      name: 'generation comparison',
      user: 'vic',
      service: 'results',
      path: () => `/v1/comparisons/generations?metric=training_throughput`,
      check: (b) => {
        const seen = new Set((b.generations as Array<{ generation: string }>).map((g) => g.generation));
        return FLEET_GENERATIONS.every((code) => seen.has(code));
      },
    },
    ...programmeReads('intake', (b) =>
      gens(b).every((g) => g.racks > 0 && g.domesticContent.meanPct !== null && g.deliveryToRelease.medianDays !== null),
    ),
    ...programmeReads('test-run', (b) => gens(b).every((g) => g.runs > 0 && g.aborts.total > 0)),
    ...programmeReads('results', (b) =>
      gens(b).every(
        (g) =>
          g.firstPassYield.pct !== null &&
          g.criteria.some((c: Record<string, unknown>) => c.median !== null) &&
          g.failuresByLot.some((l: Record<string, unknown>) => l.lot !== null && (l.failed as number) > 0) &&
          g.failuresBySupplier.length > 0,
      ),
    ),
    ...programmeReads('purchase-option', (b) =>
      gens(b).every((g) => g.committedSpend.length > 0 && g.value?.tcoPerPerformanceUnit.median != null),
    ),
    {
      name: 'supplier scorecard',
      user: 'vic',
      service: 'intake',
      path: () => '/v1/programme/suppliers',
      check: (b) => (b.suppliers as unknown[]).length > 0,
    },
    {
      name: 'lot scorecard',
      user: 'vic',
      service: 'intake',
      path: () => '/v1/programme/lots',
      check: (b) => (b.lots as unknown[]).length > 0,
    },
    {
      name: 'component failures',
      user: 'vic',
      service: 'results',
      path: (i) => `/v1/programme/components?generation=${pick(FLEET_GENERATIONS, i)}`,
      check: (b) => Array.isArray(b.components),
    },
  ];
  const summaries: Record<string, ReturnType<typeof latencySummary>> = {};
  const floor = new Map<ServiceName, ReturnType<typeof latencySummary>>();
  for (const service of new Set(reads.map((r) => r.service))) floor.set(service, await healthLatency(api, service, options.fleetSamples));
  for (const read of reads) {
    const first = await api.get(read.user, read.service, read.path(0));
    if (first.status !== 200 || !read.check(first.body))
      throw new Error(`${read.name}: unexpected answer ${first.status} ${JSON.stringify(first.body).slice(0, 400)}`);
    for (let i = 1; i <= 5; i++) await api.get(read.user, read.service, read.path(i)); // warm-up
    const samples: number[] = [];
    const began = now();
    for (let i = 0; i < options.fleetSamples; i++) {
      if (read.spanMs) await sleep(began + (i * read.spanMs) / options.fleetSamples - now());
      const start = now();
      const answer = await api.get(read.user, read.service, read.path(i + 6));
      samples.push(since(start));
      if (answer.status !== 200) throw new Error(`${read.name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    const s = (summaries[read.name] = latencySummary(samples));
    const health = floor.get(read.service)!;
    for (const p of ['p50', 'p95'] as const) {
      report.add({
        scenario: 'fleet',
        name: `${read.name} ${p}`,
        value: s[p],
        unit: 'ms',
        reference: { name: `${read.service} /health ${p}`, value: health[p], unit: 'ms' },
        ratio: round(s[p] / health[p]),
        ratioNote: '× /health',
        ...(p === 'p95' ? { target: `≤ ${read.target ?? 50} ms`, met: s.p95 <= (read.target ?? 50) } : {}),
      });
    }
  }
  report.details.fleet = {
    racks: options.fleetRacks,
    measurements: options.fleetMeasurements,
    seededRows: seeded.rows,
    seedSeconds: seeded.seconds,
    samplesPerRead: options.fleetSamples,
    reads: summaries,
    health: Object.fromEntries(floor),
  };
}

/** The floor of a request to the service: GET /health (HTTP, one PostgreSQL ping, broker state). */
async function healthLatency(api: Api, service: ServiceName, samples: number) {
  const url = `${api.system.url(service)}/health`;
  const times: number[] = [];
  for (let i = 0; i < samples + 5; i++) {
    const start = now();
    await (await api.fetch(new Request(url))).arrayBuffer(); // the same pooled transport as the reads
    if (i >= 5) times.push(since(start));
  }
  return latencySummary(times);
}
