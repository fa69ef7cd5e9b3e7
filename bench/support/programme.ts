import type { NewMeasurement, OptionState } from '@rackeval/api-client';
import { bom, METRICS, type PollOptions, receiveRacks, setUpGeneration as setUpTestGeneration } from '@rackeval/testing';
import { answer, Api, PROMPT, eventually, expect } from './api';

/** Metrics every bench generation shares (the same shape as the end-to-end test). */
export { METRICS };

/**
 * A generation ready for evaluation: catalogue entry, test plan, criteria, option terms (proposed
 * and approved; price below the approval threshold, so one finance user decides) and `bays` test bays.
 */
export async function setUpGeneration(api: Api, code: string, bays: number): Promise<string[]> {
  const codes = Array.from({ length: bays }, (_, i) => `BAY-${code}-${i + 1}`);
  await setUpTestGeneration(api, {
    code,
    name: `Bench ${code}`,
    terms: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '5000000.00' },
    bays: codes,
    pace: { timeoutMs: 60_000, ...PROMPT },
  });
  return codes;
}

/** Delivery of one rack, inspected and released for evaluation. */
export async function receiveRack(api: Api, serial: string, generation: string): Promise<void> {
  await receiveRacks(api, {
    reference: `DLV-${serial}`,
    receivedAt: new Date().toISOString(),
    racks: [{ serial, generation, lot: 'LOT-B', bom: bom() }],
  });
}

/**
 * How long a step may wait server-side for a fact another service's event brings (RFC 7240
 * `Prefer: wait`): the service tries again when the event is applied, so the client seldom retries.
 */
const WAIT = { prefer: 'wait=10' };

/** Schedules and starts the burn-in run once test-run knows the rack is released; returns the run id. */
export async function startRun(api: Api, serial: string, bay: string, pace: PollOptions = PROMPT): Promise<string> {
  const tariq = api.as('tariq');
  const run = await eventually(
    `schedule ${serial}`,
    () => answer(tariq.testRun.POST('/v1/runs', { params: { header: WAIT }, body: { rackSerial: serial, suite: 'burn-in', bay } })),
    201,
    pace,
  );
  expect(await answer(tariq.testRun.POST('/v1/runs/{id}/start', { params: { path: { id: run.id } } })), 200, `start run of ${serial}`);
  return run.id;
}

/** Passing figures, posted once results has learnt the run started. */
export function passingMeasurements(count = 6): NewMeasurement[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 ? { ...METRICS.power, value: 120 + (i % 5) } : { ...METRICS.throughput, value: 3400 + (i % 7) },
  );
}

/** startRun, then passing figures: the run only waits for its completion. */
export async function startPassingRun(api: Api, serial: string, bay: string, pace: PollOptions = PROMPT): Promise<string> {
  const runId = await startRun(api, serial, bay, pace);
  await logMeasurements(api, runId, passingMeasurements(), pace);
  return runId;
}

export async function logMeasurements(api: Api, runId: string, measurements: NewMeasurement[], pace: PollOptions = PROMPT): Promise<void> {
  const tariq = api.as('tariq');
  await eventually(
    `measurements of ${runId}`,
    () =>
      answer(tariq.results.POST('/v1/runs/{runId}/measurements', { params: { path: { runId }, header: WAIT }, body: { measurements } })),
    201,
    pace,
  );
}

export async function completeRun(api: Api, runId: string): Promise<void> {
  expect(
    await answer(api.as('tariq').testRun.POST('/v1/runs/{id}/complete', { params: { path: { id: runId } } })),
    200,
    `complete ${runId}`,
  );
}

export async function optionState(api: Api, serial: string): Promise<OptionState | undefined> {
  const option = await answer(
    api.as('fiona').purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: serial }, header: WAIT } }),
  );
  return option.status === 200 ? option.body.state : undefined;
}

/**
 * Waits until the rack's option reads EXERCISABLE (purchase-option has learnt the passed evaluation).
 * Each read is a long poll: with `If-None-Match` (the option last seen) and `Prefer: wait`, the
 * service answers when the option changes (woken by the event that changes it), or 304 after the
 * wait; so the option is read about once per change instead of every few milliseconds.
 */
export async function untilExercisable(api: Api, serial: string, { timeoutMs = 60_000 }: PollOptions): Promise<void> {
  const fiona = api.as('fiona');
  const deadline = Date.now() + timeoutMs;
  let held: string | undefined;
  while (Date.now() < deadline) {
    const header = { ...WAIT, ...(held === undefined ? {} : { 'if-none-match': held }) };
    const { data, response } = await fiona.purchaseOption.GET('/v1/options/{rackSerial}', {
      params: { path: { rackSerial: serial }, header },
    });
    if (response.status === 200 && data?.state === 'EXERCISABLE') return;
    if (response.status === 200) held = response.headers.get('etag') ?? undefined;
    else if (response.status !== 304) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`option ${serial} EXERCISABLE: not within ${timeoutMs} ms`);
}

/** Finance (fiona) exercises the option; anything but EXERCISED is an error. */
export async function exerciseOption(api: Api, serial: string): Promise<void> {
  const decided = expect(
    await answer(
      api.as('fiona').purchaseOption.POST('/v1/options/{rackSerial}/decision', {
        params: { path: { rackSerial: serial } },
        body: { decision: 'EXERCISE', rationale: 'bench: meets every target' },
      }),
    ),
    200,
    `exercise ${serial}`,
  );
  if (decided.state !== 'EXERCISED') throw new Error(`exercise ${serial}: state ${decided.state}`);
}
