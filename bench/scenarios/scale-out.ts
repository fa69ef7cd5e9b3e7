import { SERVICES, ServiceName } from '@rackeval/testing';
import { Api, PATIENT } from '../support/api';
import { BenchOptions } from '../support/args';
import { BENCH_CLIENT, BROKER, OTHER, POSTGRES } from '../support/cpu-accounting';
import { completeRun, exerciseOption, receiveRack, setUpGeneration, startPassingRun, untilExercisable } from '../support/programme';
import { Report, log } from '../support/report';
import { benchServers } from '../support/servers';
import { now, pool, round, since } from '../support/stats';
import { Topology, TopologyMeter, ensureCluster, startTopology, topologyName, topologyPids } from '../support/topology';

/**
 * Reference first, then the layouts compared with it (the cluster started only for the 3-broker
 * ones and stopped after them), then the reference again: on a shared machine the load drifts
 * during the minutes this takes, and the two references show by how much.
 */
const TOPOLOGIES: Topology[] = [
  { instances: 1, brokers: 1 },
  { instances: 2, brokers: 1 },
  { instances: 1, brokers: 3 },
  { instances: 2, brokers: 3 },
  { instances: 1, brokers: 1 },
];
const AGAIN = ' (again, last)';

const PARTS = [...SERVICES, POSTGRES, BROKER, BENCH_CLIENT] as const;
type Part = (typeof PARTS)[number];

interface Measured {
  topology: Topology;
  racks: number;
  seconds: number;
  racksPerMinute: number;
  /** Core-seconds per rack by part, and their sum. */
  perRack: Record<Part, number> & { total: number };
  /** The whole machine's busy cores over the window, and the share of it outside the layout (others' work on a shared machine). */
  machineCores: number;
  outsideCores: number;
  pids: Record<ServiceName, number[]>;
  /** The reference layout measured a second time, at the end. */
  again?: boolean;
  /** Cores used by processes of no component (the rest of the machine). */
  other: number;
}

/** PATIENT, for up to 3 minutes: on a loaded 2-core machine, with twice the processes, a hop can take over a minute. */
const VERY_PATIENT = { ...PATIENT, timeoutMs: 180_000 };

/** One rack from delivery to an exercised option, through the public API (the lifecycle scenario's chain). */
async function rackLifecycle(api: Api, serial: string, generation: string, bay: string): Promise<void> {
  await receiveRack(api, serial, generation);
  await completeRun(api, await startPassingRun(api, serial, bay, VERY_PATIENT));
  await untilExercisable(api, serial, VERY_PATIENT);
  await exerciseOption(api, serial);
}

async function drive(api: Api, generation: string, bays: string[], serials: string[], concurrency: number): Promise<void> {
  const free = [...bays];
  await pool(serials, concurrency, async (serial) => {
    const bay = free.pop()!;
    try {
      await rackLifecycle(api, serial, generation, bay);
    } finally {
      free.push(bay);
    }
  });
}

/**
 * setUpGeneration once the fresh layout has settled: right after start, a service whose consumer
 * group is still assigning partitions among its instances may not have learnt the generation yet
 * when the next step needs it (422 UNKNOWN_GENERATION). Tried again under a new code.
 */
async function settledSetUp(api: Api, code: string, bays: number): Promise<{ generation: string; bays: string[] }> {
  for (let attempt = 0; ; attempt++) {
    const generation = attempt ? `${code}R${attempt}` : code;
    try {
      return { generation, bays: await setUpGeneration(api, generation, bays) };
    } catch (error) {
      if (attempt >= 5) throw error;
      log(`  set-up of ${generation} before the layout settled (${(error as Error).message.split('\n')[0].slice(0, 120)}); again in 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  }
}

async function measure(topology: Topology, index: number, options: BenchOptions): Promise<Measured> {
  const { lifecycleRacks: racks, concurrency } = options;
  const prefix = `${process.env.KAFKA_TOPIC_PREFIX ?? 'bench.'}scale${index}.`;
  const started = now();
  const running = await startTopology(topology, prefix);
  log(`  ${topologyName(topology)}: up in ${(since(started) / 1000).toFixed(1)} s`);
  try {
    const { generation, bays } = await settledSetUp(running.api, `BSC${topology.instances}${topology.brokers}`, concurrency);
    // Warm-up (not measured): JIT, connection pools, consumer group assignments of a fresh system.
    const serial = (i: number) => `RK-${generation}-${String(i + 1).padStart(5, '0')}`;
    await drive(
      running.api,
      generation,
      bays,
      Array.from({ length: concurrency }, (_, i) => serial(i)),
      concurrency,
    );
    const pids = topologyPids(running.system);
    const { postmaster } = await benchServers();
    const meter = TopologyMeter.start(pids, topology.brokers, postmaster);
    const start = now();
    await drive(
      running.api,
      generation,
      bays,
      Array.from({ length: racks }, (_, i) => serial(concurrency + i)),
      concurrency,
    );
    const seconds = since(start) / 1000;
    const account = meter.stop();
    const perRack = Object.fromEntries(PARTS.map((part) => [part, round((account.byComponent[part] ?? 0) / racks, 4)])) as Record<
      Part,
      number
    >;
    const total = round(
      PARTS.reduce((sum, part) => sum + perRack[part], 0),
      4,
    );
    const inside = PARTS.reduce((sum, part) => sum + (account.byComponent[part] ?? 0), 0);
    return {
      topology,
      racks,
      seconds: round(seconds, 2),
      racksPerMinute: round((racks / seconds) * 60),
      perRack: { ...perRack, total },
      machineCores: round(account.machineBusy / account.seconds, 2),
      outsideCores: round((account.machineBusy - inside) / account.seconds, 2),
      other: round((account.byComponent[OTHER] ?? 0) / account.seconds, 2),
      pids,
    };
  } finally {
    await running.stop();
  }
}

const nameOf = (row: Measured) => `${topologyName(row.topology)}${row.again ? AGAIN : ''}`;

/** The measured split as a Markdown table (what docs/SCALING.md quotes). */
function markdown(rows: Measured[]): string {
  const reference = rows[0];
  const head = ['layout', 'racks/min', ...PARTS, 'total', 'total vs 1 × 1', 'machine busy (cores)', 'of which outside the layout'];
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.map((row) =>
      line([
        nameOf(row),
        row.racksPerMinute,
        ...PARTS.map((part) => row.perRack[part].toFixed(3)),
        `**${row.perRack.total.toFixed(3)}**`,
        `${(row.perRack.total / reference.perRack.total).toFixed(2)} ×`,
        row.machineCores,
        row.outsideCores,
      ]),
    ),
  ].join('\n');
}

/**
 * Scenario `scale`: the lifecycle (delivery → exercised option, `concurrency` racks in flight) on
 * four layouts started one after another — 1 instance × 1 broker (the reference), 2 instances ×
 * 1 broker, 1 × 3 brokers, 2 × 3 — each with its own processes, schemas and topics, requests
 * balanced round-robin over a service's instances. Racks per minute and core-seconds per rack,
 * split by service, PostgreSQL, broker and bench client. On a machine with few cores more
 * processes cannot be faster; the figure is what the extra coordination and replication cost.
 */
export async function scaleOut(_api: Api, options: BenchOptions, report: Report): Promise<void> {
  log(`  ${options.lifecycleRacks} racks per layout (after ${options.concurrency} warm-up racks), ${options.concurrency} at a time`);
  const measured: Measured[] = [];
  const failed: string[] = [];
  let cluster: ReturnType<typeof ensureCluster> | undefined;
  try {
    for (const [index, topology] of TOPOLOGIES.entries()) {
      if (topology.brokers === 3 && !cluster) cluster = ensureCluster();
      if (topology.brokers === 1 && cluster) cluster.stop();
      try {
        const row = { ...(await measure(topology, index, options)), again: index > 0 && topology === TOPOLOGIES[TOPOLOGIES.length - 1] };
        log(`  ${topologyName(topology)}: ${row.racksPerMinute} racks/min, ${row.perRack.total.toFixed(3)} core-s per rack`);
        measured.push(row);
      } catch (error) {
        // The other layouts are still worth measuring; the scenario fails at the end.
        const message = (error as Error).message;
        failed.push(`${topologyName(topology)}: ${message.split('\n')[0]}`);
        // The first line says what timed out; the end says why (a service's last output).
        log(`  ${topologyName(topology)}: FAILED ${message.split('\n')[0]}\n    … ${message.slice(-600).replace(/\n/g, '\n    ')}`);
      }
    }
  } finally {
    cluster?.stop();
  }
  if (!measured.length || measured[0].topology !== TOPOLOGIES[0]) throw new Error(`no reference layout measured; ${failed.join('; ')}`);
  const [reference] = measured;
  const refName = topologyName(reference.topology);
  for (const row of measured) {
    const name = nameOf(row);
    const isReference = row === reference;
    report.add({
      scenario: 'scale',
      name: `${name}: racks delivery → decision`,
      value: row.racksPerMinute,
      unit: 'racks/min',
      ...(isReference
        ? {}
        : {
            reference: { name: refName, value: reference.racksPerMinute, unit: 'racks/min' },
            ratio: row.racksPerMinute / reference.racksPerMinute,
            ratioNote: '× reference',
          }),
    });
    report.add({
      scenario: 'scale',
      name: `${name}: CPU per rack (services, PostgreSQL, broker, client)`,
      value: row.perRack.total,
      unit: 'core-s',
      ...(isReference
        ? {}
        : {
            reference: { name: refName, value: reference.perRack.total, unit: 'core-s' },
            ratio: row.perRack.total / reference.perRack.total,
            ratioNote: '× reference',
          }),
    });
  }
  const table = markdown(measured);
  log(`\n  core-seconds per rack:\n\n${table}\n`);
  report.details.scale = {
    racks: options.lifecycleRacks,
    concurrency: options.concurrency,
    warmUpRacks: options.concurrency,
    layouts: measured,
    failed,
    markdown: table,
  };
  if (failed.length) throw new Error(`layouts not measured: ${failed.join('; ')}`);
}
