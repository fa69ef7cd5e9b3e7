import { PatientClient } from './patient-client';

export const GENERATION = 'GF1';
export const SUITE = 'burn-in';
const METRICS = { throughput: { metric: 'training_throughput', unit: 'tokens/s' }, power: { metric: 'rack_power', unit: 'kW' } };
export const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({ name, passed: true }));
export const MEASUREMENTS_PER_RUN = 6;

export function bom() {
  return [
    { partNumber: 'GPU-TRAY-8', category: 'compute', quantity: 9, unitCost: '180000.00', currency: 'USD', supplier: 'Foxconn', countryOfOrigin: 'US' },
    { partNumber: 'CDU-250', category: 'cooling', quantity: 1, unitCost: '38000.50', currency: 'USD', supplier: 'Vertiv', countryOfOrigin: 'US' },
    { partNumber: 'PSU-33KW', category: 'power', quantity: 6, unitCost: '4200.00', currency: 'USD', supplier: 'Delta', countryOfOrigin: 'TH' },
  ];
}

/** Figures that pass both criteria, so every evaluated rack's option becomes exercisable. */
export function passingMeasurements() {
  return Array.from({ length: MEASUREMENTS_PER_RUN }, (_, i) =>
    i % 2 ? { ...METRICS.power, value: 120 + (i % 5) } : { ...METRICS.throughput, value: 3400 + (i % 7) },
  );
}

export const bayCode = (worker: number) => `BAY-F-${worker + 1}`;

/**
 * The generation every rack of a scenario belongs to, set up before any fault: catalogue entry,
 * test plan (once test-run has learnt the generation), criteria, option terms below the approval
 * threshold (one finance user decides) with a `windowDays` window, and one bay per worker.
 */
export async function setUpProgramme(client: PatientClient, workers: number, windowDays = 30): Promise<void> {
  const must = async (done: Promise<{ ok: boolean }>, what: string) => {
    if (!(await done).ok) throw new Error(`programme set-up failed at ${what}`);
  };
  const key = 'programme';
  await must(
    client.command({
      f: 'register-generation', key, user: 'ada', service: 'intake', method: 'POST', path: '/v1/generations',
      body: { code: GENERATION, name: 'Fault suite generation', cooling: 'direct-liquid', rackPowerBudgetKw: '132.000', gpusPerRack: 72, domesticContentTargetPct: '40.00' },
    }),
    'generation',
  );
  const plan = { suites: [{ key: SUITE, name: 'Burn-in', required: true, maxAttempts: 3, metrics: [METRICS.throughput.metric, METRICS.power.metric] }] };
  await must(
    client.command({ f: 'test-plan', key, user: 'ada', service: 'test-run', method: 'PUT', path: `/v1/test-plans/${GENERATION}`, body: plan, notYet: (a) => a.status === 422 || a.status === 404 }),
    'test plan',
  );
  const criteria = {
    criteria: [
      { ...METRICS.throughput, comparator: 'gte', min: 3000, required: true, category: 'performance' },
      { ...METRICS.power, comparator: 'lte', max: 130, required: true, category: 'power' },
    ],
  };
  await must(client.command({ f: 'criteria', key, user: 'ada', service: 'results', method: 'PUT', path: `/v1/criteria/${GENERATION}`, body: criteria }), 'criteria');
  const terms = { unitPrice: '3950000.00', currency: 'USD', windowDays, approvalThreshold: '5000000.00' };
  const proposed = await client.command({ f: 'terms', key, user: 'fiona', service: 'purchase-option', method: 'PUT', path: `/v1/terms/${GENERATION}`, body: terms });
  await must(Promise.resolve(proposed), 'terms');
  // Terms are four-eyes where the service asks for it: a second finance user approves the proposal.
  if (proposed.body?.status === 'PROPOSED') {
    const path = `/v1/terms/${GENERATION}/versions/${proposed.body.version}/approval`;
    await must(client.command({ f: 'approve-terms', key, user: 'farid', service: 'purchase-option', method: 'POST', path, body: { approve: true, note: 'fault suite' } }), 'terms approval');
  }
  for (let worker = 0; worker < workers; worker++) {
    await must(client.command({ f: 'bay', key, user: 'ada', service: 'test-run', method: 'POST', path: '/v1/bays', body: { code: bayCode(worker), site: 'PDX-1' } }), 'bays');
  }
}
