import { Api } from '../support/api';
import { BenchOptions } from '../support/args';
import { RackEvaluationCompleted, RunCompleted, Topics } from '@rackeval/contracts';
import { meanEventTimes, readEventTimes } from '../support/consumer-figures';
import { kafkaRoundTrips, sendTimes } from '../support/kafka-roundtrip';
import { completeRun, receiveRack, setUpGeneration, startPassingRun, untilExercisable } from '../support/programme';
import { Report, log } from '../support/report';
import { latencySummary, now, pool, round, since } from '../support/stats';

/**
 * Scenario 2: for each rack, the time from its last required run's completion (the POST /complete
 * answer) to the client reading its option EXERCISABLE through the API, with a long poll (the
 * service answers when the option changes). Racks are prepared in parallel, then completed one at a
 * time so each sample sees a quiet system.
 */
export async function decisionLatency(api: Api, options: BenchOptions, report: Report): Promise<void> {
  const racks = options.racks;
  const bays = await setUpGeneration(api, 'BDEC', Math.min(racks, 20));
  const serials = Array.from({ length: racks }, (_, i) => `RK-BDEC-${String(i + 1).padStart(5, '0')}`);
  log(`  preparing ${racks} racks`);
  const latencies: number[] = [];
  /** How long each POST /complete took to answer: before the measured interval, not part of it. */
  const requests: number[] = [];
  const marks: Array<{ serial: string; completed: number; exercisable: number }> = [];
  // The two consumers on the path: results judging the completed run, purchase-option opening the option.
  const inboxesBefore = {
    results: await readEventTimes(api.system, 'results'),
    purchaseOption: await readEventTimes(api.system, 'purchase-option'),
  };
  // One bay per rack in flight: a bay holds one rack until its run completes.
  for (let offset = 0; offset < serials.length; offset += bays.length) {
    const group = serials.slice(offset, offset + bays.length);
    const prepared = await pool(group, bays.length, async (serial, i) => {
      await receiveRack(api, serial, 'BDEC');
      return { serial, runId: await startPassingRun(api, serial, bays[i]) };
    });
    for (const rack of prepared) {
      // The clock starts at the completion's answer, as the scenario is defined: the request itself is
      // reported beside it (it used to be counted in the figure, so the first hop included it too).
      const sent = now();
      await completeRun(api, rack.runId);
      const answered = now();
      const completed = Date.now();
      requests.push(answered - sent);
      await untilExercisable(api, rack.serial, { timeoutMs: 60_000 });
      latencies.push(since(answered));
      marks.push({ serial: rack.serial, completed, exercisable: Date.now() });
    }
  }
  const inboxes = {
    resultsRunCompleted: meanEventTimes(inboxesBefore.results, await readEventTimes(api.system, 'results'), RunCompleted.type),
    purchaseOptionEvaluated: meanEventTimes(
      inboxesBefore.purchaseOption,
      await readEventTimes(api.system, 'purchase-option'),
      RackEvaluationCompleted.type,
    ),
  };
  log(`  kafka round trips: ${Math.max(racks, 50)}`);
  const kafka = latencySummary(await kafkaRoundTrips(Math.max(racks, 50)));
  const decision = latencySummary(latencies);
  for (const p of ['p50', 'p95', 'p99'] as const) {
    report.add({
      scenario: 'decision',
      name: `completion → EXERCISABLE ${p}`,
      value: decision[p],
      unit: 'ms',
      reference: { name: `kafka round trip ${p}`, value: kafka[p], unit: 'ms' },
      ratio: round(decision[p] / kafka[p]),
      ratioNote: '× kafka',
      ...(p === 'p99' ? { target: '≤ 100 ms', met: decision.p99 <= 100 } : {}),
    });
  }
  const request = latencySummary(requests);
  report.add({ scenario: 'decision', name: '  before it: POST /complete answered in p50', value: request.p50, unit: 'ms' });
  const split = await hops(marks);
  // Each hop's tail beside its median: which hop the p99 above comes from.
  for (const [hop, figures] of Object.entries(split))
    for (const p of ['p50', 'p99'] as const)
      report.add({ scenario: 'decision', name: `  of which ${hop} ${p}`, value: figures[p], unit: 'ms' });
  // Inside the hops, each inbox's own timing of the event it applies (means over the run, from its histograms).
  const inboxRows: Array<[string, number | undefined]> = [
    ['results receives run.completed, mean', inboxes.resultsRunCompleted?.deliveryMs],
    ['results applies it (judges, concludes), mean', inboxes.resultsRunCompleted?.applyMs],
    ['purchase-option receives evaluation-completed, mean', inboxes.purchaseOptionEvaluated?.deliveryMs],
    ['purchase-option applies it (option EXERCISABLE), mean', inboxes.purchaseOptionEvaluated?.applyMs],
  ];
  for (const [name, value] of inboxRows)
    if (value !== undefined) report.add({ scenario: 'decision', name: `  inbox: ${name}`, value, unit: 'ms' });
  report.details.decision = {
    racks,
    read: 'long poll (Prefer: wait, If-None-Match)',
    from: 'the POST /complete answer',
    decision,
    completionRequest: request,
    kafka,
    hops: split,
    inboxes,
  };
}

/**
 * Where the time goes, per hop, from the relays' send times on the topics (same machine clock):
 * test-run commits the completion → its relay sends it; results consumes, judges, concludes → its
 * relay sends the evaluation; purchase-option consumes it → the option reads EXERCISABLE.
 */
async function hops(marks: Array<{ serial: string; completed: number; exercisable: number }>) {
  const runCompleted = await sendTimes(Topics.testRunRuns, 'rackeval.test-run.run.completed.v1');
  const evaluated = await sendTimes(Topics.resultsEvaluations, 'rackeval.results.rack.evaluation-completed.v1');
  const split = { testRunRelay: [] as number[], resultsConsumeToRelay: [] as number[], purchaseOptionConsumeToRead: [] as number[] };
  for (const m of marks) {
    const a = runCompleted.get(m.serial);
    const b = evaluated.get(m.serial);
    if (a === undefined || b === undefined) continue;
    split.testRunRelay.push(a - m.completed);
    split.resultsConsumeToRelay.push(b - a);
    split.purchaseOptionConsumeToRead.push(m.exercisable - b);
  }
  return Object.fromEntries(Object.entries(split).map(([hop, samples]) => [hop, latencySummary(samples)]));
}
