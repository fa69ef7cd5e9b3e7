import { sleep } from '../support/log';
import { Random } from '../support/random';
import { PatientClient } from './patient-client';
import { GENERATION, GenerationTerms } from './programme';
import { chainSteps, Race, RackPlan } from './rack-chain';

/** One generation per race: the default terms, a zero-day window (lapse), a threshold below the price (four-eyes). */
export const RACE_GENERATIONS: Record<Race, GenerationTerms> = {
  'verdict-vs-decline': { code: GENERATION, windowDays: 30, approvalThreshold: '5000000.00' },
  'exercise-vs-lapse': { code: 'GF2', windowDays: 0, approvalThreshold: '5000000.00' },
  'approve-vs-approve': { code: 'GF3', windowDays: 30, approvalThreshold: '1000000.00' },
  'inspect-vs-inspect': { code: GENERATION, windowDays: 30, approvalThreshold: '5000000.00' },
};
const RACES = Object.keys(RACE_GENERATIONS) as Race[];

export function planRaces(random: Random, count: number): RackPlan[] {
  return Array.from({ length: count }, (_, i) => {
    const race = random.pick(RACES);
    return {
      serial: `RK-R-${String(i + 1).padStart(4, '0')}`,
      generation: RACE_GENERATIONS[race].code,
      depth: 'measure',
      race,
      delayMs: random.int(0, 2_500),
    };
  });
}

/** Polls the option until it has left `state` (or the client gives up); the state it reached. */
async function optionLeaves(client: PatientClient, serial: string, state: string): Promise<string | undefined> {
  while (Date.now() < client.giveUpAt) {
    const seen = (await client.get('fiona', 'purchase-option', `/v1/options/${serial}`))?.body?.state;
    if (seen && seen !== state) return seen;
    await sleep(200);
  }
  return undefined;
}

/**
 * Cross-topic races on the real services, after the rack's run has its measurements:
 * - verdict vs decline: the run completes (results' verdict reaches intake) while finance declines
 *   the option (purchase-option's end reaches intake from another topic);
 * - exercise vs lapse: a zero-day window lapses at the next sweep while finance exercises;
 * - approve vs approve: two approvals of one four-eyes request at once (two tabs, two keys);
 * - inspect vs inspect: two inspections of one rack at once.
 */
export async function runRace(client: PatientClient, rack: RackPlan, worker: number): Promise<void> {
  const steps = chainSteps(client, rack, worker);
  if (rack.race === 'inspect-vs-inspect') {
    // Two inspections of one rack at once (two people, or a retry racing its original): one may
    // release the rack, the other must be refused; the duplicate checks see a second release.
    if ((await steps.deliver()).ok) await Promise.all([steps.inspect(), steps.inspect()]);
    return;
  }
  for (const step of ['deliver', 'inspect', 'schedule', 'start', 'measure'] as const) {
    if (!(await steps[step]()).ok) return;
  }
  const { serial } = rack;
  const option = `/v1/options/${serial}`;
  const state = async () => (await client.get('fiona', 'purchase-option', option))?.body?.state;
  const decide = (f: string, decision: 'EXERCISE' | 'DECLINE', idempotencyKey: string, untilAllowed = false) =>
    client.command({
      f,
      key: serial,
      user: 'fiona',
      service: 'purchase-option',
      method: 'POST',
      path: `${option}/decision`,
      idempotencyKey,
      body: { decision, rationale: `fault suite race: ${rack.race}` },
      notYet: (a) => a.status === 404 || (untilAllowed && a.status === 409),
      reconcile: async () =>
        (await state()) === (decision === 'EXERCISE' ? 'EXERCISED' : 'DECLINED') || (await state()) === 'PENDING_APPROVAL',
    });
  if (rack.race === 'verdict-vs-decline') {
    await sleep(rack.delayMs ?? 0);
    // Where declining before the verdict is refused, finance declines the moment purchase-option has
    // the verdict: intake may still be applying that same verdict from the results topic.
    await Promise.all([steps.complete(), decide('decline', 'DECLINE', `faults-${serial}-decline`, true)]);
    return;
  }
  if (!(await steps.complete()).ok || (await optionLeaves(client, serial, 'PENDING_EVALUATION')) !== 'EXERCISABLE') return;
  if (rack.race === 'exercise-vs-lapse') {
    // The sweep runs every 2 s: a seeded pause lands the request before or after it.
    await sleep(rack.delayMs ?? 0);
    await decide('exercise', 'EXERCISE', `faults-${serial}-exercise`);
    return;
  }
  if (!(await decide('request-exercise', 'EXERCISE', `faults-${serial}-request`)).ok) return;
  const approve = (n: number) =>
    client.command({
      f: `approve-${n}`,
      key: serial,
      user: 'farid',
      service: 'purchase-option',
      method: 'POST',
      path: `${option}/approval`,
      idempotencyKey: `faults-${serial}-approve-${n}`,
      body: { approve: true, note: `approval ${n}` },
      reconcile: async () => (await state()) === 'EXERCISED',
    });
  await Promise.all([approve(1), approve(2)]);
}
