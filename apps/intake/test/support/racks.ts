import type { RackEvaluationCompletedV1, RunStartedV1 } from '@rackeval/contracts';
import { randomUUID } from 'node:crypto';
import { checks, delivery, IntakeHarness } from '../intake.fixture';

/** Racks of `generation` in one delivery, each inspected ACCEPTED: released for evaluation. */
export async function releasedRacks(sut: IntakeHarness, reference: string, serials: string[], generation = 'G1'): Promise<void> {
  await sut
    .post('/v1/deliveries')
    .send(
      delivery(
        reference,
        serials.map((serial) => ({ serial, generation })),
      ),
    )
    .expect(201);
  for (const serial of serials)
    await sut.post(`/v1/racks/${serial}/inspections`).send({ checks: checks(), outcome: 'ACCEPTED' }).expect(201);
}

/** test-run's first burn-in attempt started on the rack. */
export const runStarted = (serial: string, generation = 'G1'): RunStartedV1 => ({
  runId: randomUUID(),
  rackSerial: serial,
  generation,
  suite: 'burn-in',
  attempt: 1,
  maxAttempts: 2,
  required: true,
  planVersion: 1,
  metrics: ['gpu.temp'],
  bay: 'BAY-1',
  site: 'US-TX-1',
  occurredAt: new Date().toISOString(),
  actor: 'tariq',
});

/** results' verdict on the rack: every criterion met when it passed; by default 3 of 5 and burn-in failed when not. */
export function verdict(
  serial: string,
  outcome: 'PASSED' | 'FAILED',
  {
    generation = 'G1',
    criteriaTotal = 5,
    criteriaMet = outcome === 'PASSED' ? criteriaTotal : 3,
    revision,
  }: { generation?: string; criteriaTotal?: number; criteriaMet?: number; revision?: number } = {},
): RackEvaluationCompletedV1 {
  return {
    rackSerial: serial,
    generation,
    outcome,
    criteriaMet,
    criteriaTotal,
    failedSuites: outcome === 'PASSED' ? [] : ['burn-in'],
    occurredAt: new Date().toISOString(),
    ...(revision === undefined ? {} : { revision }),
  };
}

/** What every purchase-option event about the rack's option carries (fiona deciding on version 1 of the terms). */
export const optionFact = (serial: string) => ({
  rackSerial: serial,
  generation: 'G1',
  termsVersion: 1,
  unitPrice: '2500000.00',
  currency: 'USD',
  occurredAt: new Date().toISOString(),
  actor: 'fiona',
});
