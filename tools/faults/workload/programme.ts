import { PatientClient } from './patient-client';

export const GENERATION = 'GF1';
export const SUITE = 'burn-in';
const METRICS = { throughput: { metric: 'training_throughput', unit: 'tokens/s' }, power: { metric: 'rack_power', unit: 'kW' } };
export const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));
export const MEASUREMENTS_PER_RUN = 6;

export function bom() {
  return [
    {
      partNumber: 'GPU-TRAY-8',
      category: 'compute',
      quantity: 9,
      unitCost: '180000.00',
      currency: 'USD',
      supplier: 'Foxconn',
      countryOfOrigin: 'US',
    },
    {
      partNumber: 'CDU-250',
      category: 'cooling',
      quantity: 1,
      unitCost: '38000.50',
      currency: 'USD',
      supplier: 'Vertiv',
      countryOfOrigin: 'US',
    },
    {
      partNumber: 'PSU-33KW',
      category: 'power',
      quantity: 6,
      unitCost: '4200.00',
      currency: 'USD',
      supplier: 'Delta',
      countryOfOrigin: 'TH',
    },
  ];
}

/** Figures that pass both criteria, so every evaluated rack's option becomes exercisable. */
export function passingMeasurements() {
  return Array.from({ length: MEASUREMENTS_PER_RUN }, (_, i) =>
    i % 2 ? { ...METRICS.power, value: 120 + (i % 5) } : { ...METRICS.throughput, value: 3400 + (i % 7) },
  );
}

export const bayCode = (worker: number) => `BAY-F-${worker + 1}`;

export interface GenerationTerms {
  code: string;
  /** 0: the option lapses at the first sweep after the verdict. */
  windowDays: number;
  /** Below the unit price (3,950,000), exercising needs a second finance approver. */
  approvalThreshold: string;
}

export const DEFAULT_GENERATIONS: readonly GenerationTerms[] = [{ code: GENERATION, windowDays: 30, approvalThreshold: '5000000.00' }];

/**
 * The generations of a scenario, set up before any fault: catalogue entry, test plan (once
 * test-run has learnt the generation), criteria, option terms (approved by a second finance user
 * where the service asks for it), and one bay per worker.
 */
export async function setUpProgramme(
  client: PatientClient,
  workers: number,
  generations: readonly GenerationTerms[] = DEFAULT_GENERATIONS,
): Promise<void> {
  const unique = generations.filter((generation, i) => generations.findIndex((other) => other.code === generation.code) === i);
  for (const generation of unique) await setUpGeneration(client, generation);
  for (let worker = 0; worker < workers; worker++) {
    await must(
      client.command({
        f: 'bay',
        key: 'programme',
        user: 'ada',
        service: 'test-run',
        method: 'POST',
        path: '/v1/bays',
        body: { code: bayCode(worker), site: 'PDX-1' },
      }),
      'bays',
    );
  }
}

async function must(done: Promise<{ ok: boolean }>, what: string): Promise<void> {
  if (!(await done).ok) throw new Error(`programme set-up failed at ${what}`);
}

async function setUpGeneration(client: PatientClient, { code, windowDays, approvalThreshold }: GenerationTerms): Promise<void> {
  const key = 'programme';
  await must(
    client.command({
      f: 'register-generation',
      key,
      user: 'ada',
      service: 'intake',
      method: 'POST',
      path: '/v1/generations',
      body: {
        code,
        name: `Fault suite ${code}`,
        cooling: 'direct-liquid',
        rackPowerBudgetKw: '132.000',
        gpusPerRack: 72,
        domesticContentTargetPct: '40.00',
      },
    }),
    `generation ${code}`,
  );
  const plan = {
    suites: [{ key: SUITE, name: 'Burn-in', required: true, maxAttempts: 3, metrics: [METRICS.throughput.metric, METRICS.power.metric] }],
  };
  await must(
    client.command({
      f: 'test-plan',
      key,
      user: 'ada',
      service: 'test-run',
      method: 'PUT',
      path: `/v1/test-plans/${code}`,
      body: plan,
      notYet: (a) => a.status === 422 || a.status === 404,
    }),
    `test plan ${code}`,
  );
  const criteria = {
    criteria: [
      { ...METRICS.throughput, comparator: 'gte', min: 3000, required: true, category: 'performance' },
      { ...METRICS.power, comparator: 'lte', max: 130, required: true, category: 'power' },
    ],
  };
  // results learns the generation from intake's event: until then criteria are refused (422 UNKNOWN_GENERATION).
  await must(
    client.command({
      f: 'criteria',
      key,
      user: 'ada',
      service: 'results',
      method: 'PUT',
      path: `/v1/criteria/${code}`,
      body: criteria,
      notYet: (a) => a.status === 422,
    }),
    `criteria ${code}`,
  );
  const terms = { unitPrice: '3950000.00', currency: 'USD', windowDays, approvalThreshold };
  const proposed = await client.command({
    f: 'terms',
    key,
    user: 'fiona',
    service: 'purchase-option',
    method: 'PUT',
    path: `/v1/terms/${code}`,
    body: terms,
    notYet: (a) => a.status === 422,
  });
  await must(Promise.resolve(proposed), `terms ${code}`);
  // Terms are four-eyes where the service asks for it: a second finance user approves the proposal.
  if (proposed.body?.status === 'PROPOSED') {
    const path = `/v1/terms/${code}/versions/${proposed.body.version}/approval`;
    await must(
      client.command({
        f: 'approve-terms',
        key,
        user: 'farid',
        service: 'purchase-option',
        method: 'POST',
        path,
        body: { approve: true, note: 'fault suite' },
      }),
      `terms approval ${code}`,
    );
  }
}
