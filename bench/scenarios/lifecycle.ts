import { availableParallelism } from 'node:os';
import { Api, PATIENT } from '../support/api';
import { BenchOptions } from '../support/args';
import { BENCH_CLIENT, BROKER, CpuMeter, OTHER, OTHER_BROKERS, OTHER_POSTGRES, POSTGRES, UNATTRIBUTED } from '../support/cpu-accounting';
import { memory, resetPeaks, servicePids } from '../support/memory';
import {
  completeRun,
  exerciseOption,
  logMeasurements,
  passingMeasurements,
  receiveRack,
  setUpGeneration,
  startRun,
  untilExercisable,
} from '../support/programme';
import { Report, log } from '../support/report';
import { consumerFigures, readConsumers } from '../support/consumer-figures';
import { benchServers } from '../support/servers';
import { now, percentile, pool, round, since } from '../support/stats';

/**
 * Scenario 3: K racks from delivery to a finance decision through the public API, `concurrency`
 * at a time (one test bay per slot): delivery, inspection, run scheduled and started, measurements,
 * completion, option EXERCISABLE, finance exercises. Racks per minute, and each service's peak RSS
 * over the scenario (VmHWM, reset at its start).
 */
export async function lifecycle(api: Api, options: BenchOptions, report: Report): Promise<void> {
  const { lifecycleRacks: racks, concurrency } = options;
  const bays = await setUpGeneration(api, 'BLIFE', concurrency);
  const pids = servicePids();
  const peaksReset = resetPeaks(pids);
  const servers = await benchServers(Object.values(pids)[0]);
  for (const note of servers.notes) log(`  CPU accounting: ${note}`);
  const meter = CpuMeter.start(
    Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, [pid]])),
    availableParallelism(),
    servers,
  );
  const serials = Array.from({ length: racks }, (_, i) => `RK-BLIFE-${String(i + 1).padStart(5, '0')}`);
  const free = [...bays];
  api.requests.clear();
  const durations: number[] = [];
  const steps: Record<string, number[]> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const began = now();
    const result = await work();
    (steps[name] ??= []).push(since(began));
    return result;
  };
  log(`  ${racks} racks, ${concurrency} at a time`);
  const consumedBefore = await readConsumers(api.system);
  const start = now();
  await pool(serials, concurrency, async (serial) => {
    const bay = free.pop()!;
    const began = now();
    try {
      await step('deliver and inspect', () => receiveRack(api, serial, 'BLIFE'));
      const runId = await step('schedule (test-run learns the release) and start', () => startRun(api, serial, bay, PATIENT));
      await step('measurements (results learns the start)', () => logMeasurements(api, runId, passingMeasurements(), PATIENT));
      await step('complete', () => completeRun(api, runId));
    } finally {
      free.push(bay);
    }
    await step('option EXERCISABLE', () => untilExercisable(api, serial, { ...PATIENT, timeoutMs: 120_000 }));
    await step('exercise', () => exerciseOption(api, serial));
    durations.push(since(began));
  });
  const seconds = since(start) / 1000;
  const perMinute = (racks / seconds) * 60;
  const peaks = memory(pids);
  const account = meter.stop();
  const consumers = consumerFigures(consumedBefore, await readConsumers(api.system), racks);
  report.add({
    scenario: 'lifecycle',
    name: `racks delivery → decision (concurrency ${concurrency})`,
    value: perMinute,
    unit: 'racks/min',
    target: '≥ 1,500 racks/min',
    met: perMinute >= 1500,
  });
  // What each service's consumer did per rack, and how full its fetched batches were: one transaction
  // per partition batch instead of per event saves only as much as batches hold more than one record.
  for (const [service, figures] of Object.entries(consumers)) {
    const events = Object.entries(figures.eventsPerRack)
      .map(([outcome, n]) => `${n} ${outcome}`)
      .join(', ');
    report.add({
      scenario: 'lifecycle',
      name: `${service} consumer: records per partition batch (events per rack: ${events})`,
      value: figures.meanRecordsPerBatch,
      unit: 'records/batch',
    });
  }
  for (const [service, figures] of Object.entries(peaks)) {
    report.add({
      scenario: 'lifecycle',
      name: `${service} peak RSS${peaksReset ? '' : ' (since start)'}`,
      value: figures.peakMiB,
      unit: 'MiB',
    });
  }
  // Where each rack's CPU went: every component, the rest of the machine, and what no process accounts for.
  const perRack = (cpuSeconds: number) => cpuSeconds / racks;
  const order = [...Object.keys(pids), POSTGRES, BROKER, BENCH_CLIENT, OTHER_POSTGRES, OTHER_BROKERS, OTHER];
  const names = [...order.filter((n) => n in account.byComponent), ...Object.keys(account.byComponent).filter((n) => !order.includes(n))];
  for (const name of names) {
    const seconds = account.byComponent[name];
    report.add({
      scenario: 'lifecycle',
      name: `CPU per rack: ${name === OTHER ? 'other (rest of the machine)' : name} (${round(seconds / account.seconds, 2)} cores)`,
      value: perRack(seconds),
      unit: 'core-s/rack',
    });
  }
  report.add({
    scenario: 'lifecycle',
    name: `CPU per rack: ${UNATTRIBUTED} (busy − Σ above)`,
    value: perRack(account.unattributed),
    unit: 'core-s/rack',
  });
  const share = account.machineBusy > 0 ? Math.abs(account.unattributed) / account.machineBusy : 0;
  report.add({
    scenario: 'lifecycle',
    name: `CPU per rack: whole machine busy (${round(account.machineBusy / account.seconds, 2)} of ${account.cores} cores)`,
    value: perRack(account.machineBusy),
    unit: 'core-s/rack',
    ratio: round(share * 100, 1),
    ratioNote: '% unattributed',
    target: 'accounted within ±5 %',
    met: share <= 0.05,
  });
  durations.sort((a, b) => a - b);
  report.details.lifecycle = {
    racks,
    concurrency,
    seconds: round(seconds, 2),
    racksPerMinute: round(perMinute),
    rackDurationMs: { p50: round(durations[Math.floor(durations.length / 2)]), max: round(durations[durations.length - 1]) },
    memory: peaks,
    consumers,
    cpu: {
      seconds: round(account.seconds, 2),
      machineBusyCoreSeconds: round(account.machineBusy, 2),
      unattributedCoreSeconds: round(account.unattributed, 2),
      coreSecondsPerRack: Object.fromEntries(
        Object.entries({ ...account.byComponent, [UNATTRIBUTED]: account.unattributed }).map(([n, v]) => [n, round(v / racks, 4)]),
      ),
      cores: Object.fromEntries(Object.entries(account.byComponent).map(([n, v]) => [n, round(v / account.seconds, 2)])),
    },
    peaksResetAtStart: peaksReset,
    servers: { postmaster: servers.postmaster, brokers: servers.brokers, notes: servers.notes },
    stepMs: Object.fromEntries(
      Object.entries(steps).map(([name, ms]) => [name, { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) }]),
    ),
    requestsPerRack: Object.fromEntries(
      [...api.requests].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => [key, round(n / racks, 2)]),
    ),
    pids,
  };
}
