import { sleep } from '../support/log';
import { Random } from '../support/random';
import { Answer, PatientClient } from './patient-client';
import { bayCode, bom, CHECKS, GENERATION, passingMeasurements, SUITE } from './programme';

/** The commands of one rack, in the order they must apply. */
export const STEPS = ['deliver', 'inspect', 'schedule', 'start', 'measure', 'complete', 'decide'] as const;
export type Step = (typeof STEPS)[number];

/** How far each rack's chain goes: a quarter of the racks stop after each of these steps. */
const DEPTHS: readonly Step[] = ['deliver', 'inspect', 'complete', 'decide'];

export type Race = 'verdict-vs-decline' | 'exercise-vs-lapse' | 'approve-vs-approve' | 'inspect-vs-inspect';

export interface RackPlan {
  serial: string;
  generation: string;
  depth: Step;
  /** Set for the racks of the races scenario: what happens after the measurements (race-chain.ts). */
  race?: Race;
  /** A seeded pause before the race's second move, so that either side may win. */
  delayMs?: number;
}

export function planRacks(random: Random, count: number): RackPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    serial: `RK-F-${String(i + 1).padStart(4, '0')}`,
    generation: GENERATION,
    depth: random.pick(DEPTHS),
  }));
}

const code = (answer: Answer) => String(answer.body?.code ?? '');

export type ChainSteps = Record<Step, () => Promise<{ ok: boolean }>>;

/** The commands of one rack; `worker` owns one bay, so chains never compete for bays. */
export function chainSteps(client: PatientClient, rack: RackPlan, worker: number): ChainSteps {
  const { serial } = rack;
  const key = (step: Step) => `faults-${serial}-${step}`;
  // Asked until a process answers: a read lost to a killed or frozen process says nothing about the rack.
  const rackHasInspection = async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const read = await client.get('ines', 'intake', `/v1/racks/${serial}`);
      if (read?.status === 200) return (read.body?.inspections?.length ?? 0) > 0;
      await sleep(500);
    }
    return false;
  };
  let runId = '';

  return {
    deliver: () =>
      client.command({
        f: 'deliver',
        key: serial,
        user: 'ines',
        service: 'intake',
        method: 'POST',
        path: '/v1/deliveries',
        body: {
          reference: `DLV-${serial}`,
          site: 'PDX-1',
          receivedAt: '2026-11-29T08:00:00Z',
          racks: [{ serial, generation: rack.generation, lot: 'LOT-F', bom: bom() }],
        },
      }),
    // No Idempotency-Key on this route: after an attempt without an answer, a 409 is checked against the rack.
    inspect: () =>
      client.command({
        f: 'inspect',
        key: serial,
        user: 'ines',
        service: 'intake',
        method: 'POST',
        path: `/v1/racks/${serial}/inspections`,
        body: { checks: CHECKS, outcome: 'ACCEPTED' },
        reconcile: rackHasInspection,
      }),
    schedule: async () => {
      const done = await client.command({
        f: 'schedule',
        key: serial,
        user: 'tariq',
        service: 'test-run',
        method: 'POST',
        path: '/v1/runs',
        idempotencyKey: key('schedule'),
        body: { rackSerial: serial, suite: SUITE, bay: bayCode(worker) },
        notYet: (a) => a.status === 422 && /UNKNOWN_RACK|RACK_NOT_RELEASED|UNKNOWN_GENERATION|NO_TEST_PLAN/.test(code(a)),
      });
      runId = done.body?.id ?? '';
      return { ok: done.ok && Boolean(runId) };
    },
    start: () =>
      client.command({
        f: 'start',
        key: serial,
        user: 'tariq',
        service: 'test-run',
        method: 'POST',
        path: `/v1/runs/${runId}/start`,
        idempotencyKey: key('start'),
      }),
    measure: () =>
      client.command({
        f: 'measure',
        key: serial,
        user: 'tariq',
        service: 'results',
        method: 'POST',
        path: `/v1/runs/${runId}/measurements`,
        idempotencyKey: key('measure'),
        body: { measurements: passingMeasurements() },
        notYet: (a) => a.status === 404 || (a.status === 409 && code(a) === 'RUN_NOT_OPEN'),
      }),
    complete: () =>
      client.command({
        f: 'complete',
        key: serial,
        user: 'tariq',
        service: 'test-run',
        method: 'POST',
        path: `/v1/runs/${runId}/complete`,
        idempotencyKey: key('complete'),
      }),
    decide: () =>
      client.command({
        f: 'decide',
        key: serial,
        user: 'fiona',
        service: 'purchase-option',
        method: 'POST',
        path: `/v1/options/${serial}/decision`,
        idempotencyKey: key('decide'),
        body: { decision: 'EXERCISE', rationale: 'meets every target' },
        notYet: (a) => a.status === 404 || (a.status === 409 && code(a) === 'ILLEGAL_TRANSITION'),
        reconcile: async () => (await client.get('fiona', 'purchase-option', `/v1/options/${serial}`))?.body?.state === 'EXERCISED',
      }),
  };
}

/** Runs one rack's chain up to its depth, stopping at its first command that does not end ok. */
export async function runChain(client: PatientClient, rack: RackPlan, worker: number): Promise<void> {
  const steps = chainSteps(client, rack, worker);
  for (const step of STEPS.slice(0, STEPS.indexOf(rack.depth) + 1)) {
    if (!(await steps[step]()).ok) return;
  }
}

/**
 * Runs every rack's chain with at most `workers` chains at a time, in rack order, starting rack i
 * no earlier than i/n of `spreadMs` in: the chains spread over the fault window instead of
 * finishing before the nemesis gets going.
 */
export async function runWorkload(
  client: PatientClient,
  racks: RackPlan[],
  workers: number,
  spreadMs: number,
  run: (client: PatientClient, rack: RackPlan, worker: number) => Promise<void> = runChain,
): Promise<void> {
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < racks.length) {
        const index = next++;
        const due = started + (index * spreadMs) / racks.length;
        if (due > Date.now()) await sleep(due - Date.now());
        await run(client, racks[index], worker);
      }
    }),
  );
}
