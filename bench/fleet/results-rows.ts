import type { Client } from 'pg';
import { copyRows } from '@rackeval/platform';
import { FleetRack, bomLines, concluded, MEASUREMENT_COLUMNS, RUN_PLAN_COLUMNS } from './model';

const HOUR = 3_600_000;

/** The criteria and plan results holds for a generation (published through the API before seeding). */
export interface GenerationSetup {
  planVersion: number;
  criteriaVersion: number;
  criteria: Array<{
    position: number;
    metric: string;
    unit: string;
    comparator: string;
    min: number | null;
    max: number | null;
    aggregation: string;
    category: string;
    required: boolean;
  }>;
}

/**
 * Measurements of the deep run (the fleet's first run): a run logged for weeks, whose measurement
 * list has 1,000 pages of 50 and more, at most a quarter of all measurements.
 */
const DEEP_RUN_MEASUREMENTS = 60_000;

/** The run whose measurements go deepest (the first rack with a run). */
export const deepRun = (racks: readonly FleetRack[]): FleetRack => racks.find((r) => r.run)!;

/** How many of `measurements` each run gets: the deep run its share, the rest spread evenly, the last run the remainder. */
function measurementCounts(withRuns: readonly FleetRack[], measurements: number): number[] {
  if (!withRuns.length) return [];
  const deep = withRuns.length > 1 ? Math.min(DEEP_RUN_MEASUREMENTS, Math.floor(measurements / 4)) : measurements;
  const rest = measurements - deep;
  const each = Math.floor(rest / Math.max(1, withRuns.length - 1));
  return withRuns.map((_, k) => (k === 0 ? deep : k === withRuns.length - 1 ? rest - each * (withRuns.length - 2) : each));
}

const measuredOf = (rack: FleetRack, metric: string) => (metric === 'rack_power' ? rack.run!.powerKw : rack.run!.throughput);
const passes = (c: GenerationSetup['criteria'][number], value: number) =>
  (c.min === null || value >= c.min) && (c.max === null || value <= c.max);

/** The evaluation summary results stores and sends: performance, power and performance per watt against target. */
function summaryOf(rack: FleetRack, setup: GenerationSetup) {
  const perf = setup.criteria.find((c) => c.category === 'performance')!;
  const power = setup.criteria.find((c) => c.category === 'power')!;
  const met = setup.criteria.filter((c) => passes(c, measuredOf(rack, c.metric))).length;
  const perfTarget = perf.min ?? perf.max!;
  const powerTarget = power.max ?? power.min!;
  return {
    criteriaMet: met,
    criteriaTotal: setup.criteria.length,
    performance: { metric: perf.metric, unit: perf.unit, measured: rack.run!.throughput, target: perfTarget },
    power: { metric: power.metric, unit: power.unit, measured: rack.run!.powerKw, target: powerTarget },
    performancePerWatt: {
      metric: `${perf.metric}/${power.metric}`,
      unit: `${perf.unit}/W`,
      measured: rack.run!.throughput / (rack.run!.powerKw * 1000),
      target: perfTarget / (powerTarget * 1000),
    },
  };
}

/** A concluded rack's evaluation as results stores it and purchase-option learns it: the outcome and its summary, failed suites included. */
export function evaluationOf(rack: FleetRack, setup: GenerationSetup) {
  const outcome = rack.run!.outcome === 'PASS' ? 'PASSED' : 'FAILED';
  return { outcome, summary: { ...summaryOf(rack, setup), failedSuites: outcome === 'FAILED' ? ['burn-in'] : [] } };
}

/** Runs, verdicts with their criteria, concluded evaluations, each rack's lot and suppliers, and `measurements` samples spread over the runs. */
export async function seedResults(
  client: Client,
  schema: string,
  racks: readonly FleetRack[],
  setups: ReadonlyMap<string, GenerationSetup>,
  measurements: number,
): Promise<number> {
  const withRuns = racks.filter((r) => r.run);
  const judged = withRuns.filter(concluded);
  const ended = (r: FleetRack) => new Date(r.verdictAt.getTime() - HOUR);
  let rows = await copyRows(
    client,
    `${schema}.run`,
    ['run_id', 'rack_serial', 'generation', 'suite', ...RUN_PLAN_COLUMNS, 'criteria_version', 'started_at', 'ended_at', 'row_version'],
    withRuns.map((r) => {
      const setup = setups.get(r.generation)!;
      const started = new Date(r.receivedAt.getTime() + 2 * HOUR);
      const done = concluded(r);
      return [
        r.run!.runId,
        r.serial,
        r.generation,
        'burn-in',
        1,
        2,
        true,
        setup.planVersion,
        `{${setup.criteria.map((c) => c.metric).join(',')}}`,
        `BAY-${r.site}-${r.index % 12}`,
        r.site,
        done ? 'COMPLETED' : 'RUNNING',
        setup.criteriaVersion,
        started,
        done ? ended(r) : null,
        done ? 3 : 2,
      ];
    }),
  );
  rows += await copyRows(
    client,
    `${schema}.verdict`,
    ['run_id', 'rack_serial', 'generation', 'suite', 'attempt', 'criteria_version', 'verdict', 'revision', 'judged_at'],
    judged.map((r) => [
      r.run!.runId,
      r.serial,
      r.generation,
      'burn-in',
      1,
      setups.get(r.generation)!.criteriaVersion,
      r.run!.outcome,
      1,
      ended(r),
    ]),
  );
  const perRun = Math.max(1, Math.floor(measurements / Math.max(1, withRuns.length)));
  rows += await copyRows(
    client,
    `${schema}.verdict_criterion`,
    [
      'run_id',
      'position',
      'generation',
      'metric',
      'unit',
      'comparator',
      'min',
      'max',
      'aggregation',
      'category',
      'required',
      'samples',
      'measured',
      'result',
      'reason',
    ],
    (function* () {
      for (const r of judged) {
        for (const c of setups.get(r.generation)!.criteria) {
          const value = measuredOf(r, c.metric);
          const ok = passes(c, value);
          yield [
            r.run!.runId,
            c.position,
            r.generation,
            c.metric,
            c.unit,
            c.comparator,
            c.min,
            c.max,
            c.aggregation,
            c.category,
            c.required,
            Math.ceil(perRun / 2),
            value,
            ok ? 'PASS' : 'FAIL',
            ok ? null : `${c.metric} ${value} ${c.unit} misses the target`,
          ];
        }
      }
    })(),
  );
  rows += await copyRows(
    client,
    `${schema}.rack_evaluation`,
    ['rack_serial', 'generation', 'outcome', 'criteria_met', 'criteria_total', 'summary', 'concluded_at'],
    judged.map((r) => {
      const { outcome, summary } = evaluationOf(r, setups.get(r.generation)!);
      return [r.serial, r.generation, outcome, summary.criteriaMet, summary.criteriaTotal, summary, r.verdictAt];
    }),
  );
  // What results learns of every rack from intake's RackReceived: its lot and its BOM's suppliers (failures by origin).
  rows += await copyRows(
    client,
    `${schema}.rack_origin`,
    ['rack_serial', 'generation', 'lot', 'suppliers', 'updated_at'],
    racks.map((r) => [
      r.serial,
      r.generation,
      r.lot,
      `{${[...new Set(bomLines(r).map((l) => l.supplier))].sort().join(',')}}`,
      r.receivedAt,
    ]),
  );
  const counts = measurementCounts(withRuns, measurements);
  // Several COPYs of at most MEASUREMENTS_PER_COPY rows each: PostgreSQL queues a statement's
  // foreign-key checks until it ends, so one COPY of 100 M rows holds them all in memory at once.
  for (let first = 0; first < withRuns.length;) {
    let last = first;
    let size = counts[first];
    while (last + 1 < withRuns.length && size + counts[last + 1] <= MEASUREMENTS_PER_COPY) size += counts[++last];
    rows += await copyRows(
      client,
      `${schema}.measurement`,
      [...MEASUREMENT_COLUMNS, 'recorded_at'],
      measurementRows(withRuns, counts, first, last),
    );
    first = last + 1;
  }
  return rows;
}

/** Rows of one measurement COPY (bounds how many foreign-key checks PostgreSQL queues at once). */
const MEASUREMENTS_PER_COPY = 5_000_000;

/** The samples of runs `first` to `last` (inclusive): power and throughput alternating, a second apart. */
function* measurementRows(withRuns: readonly FleetRack[], counts: readonly number[], first: number, last: number) {
  for (let k = first; k <= last; k++) {
    const r = withRuns[k];
    const start = r.receivedAt.getTime() + 2 * HOUR;
    for (let i = 0; i < counts[k]; i++) {
      const power = i % 2 === 1;
      const value = power ? r.run!.powerKw + ((i % 7) - 3) / 10 : r.run!.throughput + (i % 11) - 5;
      const unit = power ? 'kW' : 'tokens/s';
      const at = new Date(start + i * 1000);
      yield [
        r.run!.runId,
        power ? 'rack_power' : 'training_throughput',
        value,
        unit,
        value,
        unit,
        `gpu${i % 72}`,
        at,
        'tariq',
        i % 4 ? 'ocptv' : 'api',
        at,
      ];
    }
  }
}
