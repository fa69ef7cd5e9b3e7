import { sleep } from '../support/log';
import { Random } from '../support/random';
import { Answer, PatientClient } from './patient-client';
import { bayCode, bom, CHECKS, GENERATION, passingMeasurements, SUITE } from './programme';

/** The commands of one rack, in the order they must apply. */
export const STEPS = ['deliver', 'inspect', 'schedule', 'start', 'measure', 'complete', 'decide'] as const;
export type Step = (typeof STEPS)[number];

/** How far each rack's chain goes: a quarter of the racks stop after each of these steps. */
const DEPTHS: readonly Step[] = ['deliver', 'inspect', 'complete', 'decide'];

export interface RackPlan {
  serial: string;
  depth: Step;
}

export function planRacks(random: Random, count: number): RackPlan[] {
  return Array.from({ length: count }, (_, i) => ({ serial: `RK-F-${String(i + 1).padStart(4, '0')}`, depth: random.pick(DEPTHS) }));
}

const code = (answer: Answer) => String(answer.body?.code ?? '');

/**
 * Runs one rack's chain, stopping at its first command that does not end ok (the next one would
 * be refused anyway). `worker` owns one bay, so chains never compete for bays.
 */
export async function runChain(client: PatientClient, rack: RackPlan, worker: number): Promise<void> {
  const { serial } = rack;
  const key = (step: Step) => `faults-${serial}-${step}`;
  const last = STEPS.indexOf(rack.depth);
  const rackHasInspection = async () => ((await client.get('ines', 'intake', `/v1/racks/${serial}`))?.body?.inspections?.length ?? 0) > 0;
  let runId = '';

  const steps: Record<Step, () => Promise<{ ok: boolean }>> = {
    deliver: () =>
      client.command({
        f: 'deliver', key: serial, user: 'ines', service: 'intake', method: 'POST', path: '/v1/deliveries',
        body: { reference: `DLV-${serial}`, site: 'PDX-1', receivedAt: '2026-11-29T08:00:00Z', racks: [{ serial, generation: GENERATION, lot: 'LOT-F', bom: bom() }] },
      }),
    // No Idempotency-Key on this route: after an attempt without an answer, a 409 is checked against the rack.
    inspect: () =>
      client.command({
        f: 'inspect', key: serial, user: 'ines', service: 'intake', method: 'POST', path: `/v1/racks/${serial}/inspections`,
        body: { checks: CHECKS, outcome: 'ACCEPTED' }, reconcile: rackHasInspection,
      }),
    schedule: async () => {
      const done = await client.command({
        f: 'schedule', key: serial, user: 'tariq', service: 'test-run', method: 'POST', path: '/v1/runs', idempotencyKey: key('schedule'),
        body: { rackSerial: serial, suite: SUITE, bay: bayCode(worker) },
        notYet: (a) => a.status === 422 && /UNKNOWN_RACK|RACK_NOT_RELEASED|UNKNOWN_GENERATION|NO_TEST_PLAN/.test(code(a)),
      });
      runId = done.body?.id ?? '';
      return { ok: done.ok && Boolean(runId) };
    },
    start: () =>
      client.command({ f: 'start', key: serial, user: 'tariq', service: 'test-run', method: 'POST', path: `/v1/runs/${runId}/start`, idempotencyKey: key('start') }),
    measure: () =>
      client.command({
        f: 'measure', key: serial, user: 'tariq', service: 'results', method: 'POST', path: `/v1/runs/${runId}/measurements`, idempotencyKey: key('measure'),
        body: { measurements: passingMeasurements() }, notYet: (a) => a.status === 404 || (a.status === 409 && code(a) === 'RUN_NOT_OPEN'),
      }),
    complete: () =>
      client.command({ f: 'complete', key: serial, user: 'tariq', service: 'test-run', method: 'POST', path: `/v1/runs/${runId}/complete`, idempotencyKey: key('complete') }),
    decide: () =>
      client.command({
        f: 'decide', key: serial, user: 'fiona', service: 'purchase-option', method: 'POST', path: `/v1/options/${serial}/decision`, idempotencyKey: key('decide'),
        body: { decision: 'EXERCISE', rationale: 'meets every target' },
        notYet: (a) => a.status === 404 || (a.status === 409 && code(a) === 'ILLEGAL_TRANSITION'),
        reconcile: async () => (await client.get('fiona', 'purchase-option', `/v1/options/${serial}`))?.body?.state === 'EXERCISED',
      }),
  };
  for (const step of STEPS.slice(0, last + 1)) {
    if (!(await steps[step]()).ok) return;
  }
}

/**
 * Runs every rack's chain with at most `workers` chains at a time, in rack order, starting rack i
 * no earlier than i/n of `spreadMs` in: the chains spread over the fault window instead of
 * finishing before the nemesis gets going.
 */
export async function runWorkload(client: PatientClient, racks: RackPlan[], workers: number, spreadMs: number): Promise<void> {
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < racks.length) {
        const index = next++;
        const due = started + (index * spreadMs) / racks.length;
        if (due > Date.now()) await sleep(due - Date.now());
        await runChain(client, racks[index], worker);
      }
    }),
  );
}
