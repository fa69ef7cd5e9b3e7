import type {
  Criterion,
  NewBomLine,
  NewDelivery,
  NewGeneration,
  NewInspection,
  NewMeasurement,
  NewTerms,
  OptionState,
  Suite,
} from '@rackeval/api-client';
import type { PollOptions } from '@rackeval/testing';
import { answer, Api, PROMPT, eventually, expect } from './api';

/** Metrics and criteria every bench generation shares (the same shape as the end-to-end test). */
export const METRICS = { throughput: { metric: 'training_throughput', unit: 'tokens/s' }, power: { metric: 'rack_power', unit: 'kW' } };
const PLAN: { suites: Suite[] } = {
  suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 2, metrics: [METRICS.throughput.metric, METRICS.power.metric] }],
};
const CRITERIA: { criteria: Criterion[] } = {
  criteria: [
    { ...METRICS.throughput, comparator: 'gte', min: 3000, required: true, category: 'performance' },
    { ...METRICS.power, comparator: 'lte', max: 130, required: true, category: 'power' },
  ],
};
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));

export function bom(): NewBomLine[] {
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
      partNumber: 'NVSWITCH-TRAY',
      category: 'networking',
      quantity: 9,
      unitCost: '24000.00',
      currency: 'USD',
      supplier: 'Quanta',
      countryOfOrigin: 'MX',
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

/**
 * A generation ready for evaluation: catalogue entry, test plan, criteria, option terms (proposed
 * and approved; price below the approval threshold, so one finance user decides) and `bays` test bays.
 */
export async function setUpGeneration(api: Api, code: string, bays: number): Promise<string[]> {
  const [ada, fiona, farid] = [api.as('ada'), api.as('fiona'), api.as('farid')];
  const generation: NewGeneration = {
    code,
    name: `Bench ${code}`,
    cooling: 'direct-liquid',
    rackPowerBudgetKw: '132.000',
    gpusPerRack: 72,
    domesticContentTargetPct: '40.00',
  };
  expect(await answer(ada.intake.POST('/v1/generations', { body: generation })), 201, `register ${code}`);
  const path = { params: { path: { generation: code } } };
  await eventually(`test plan ${code}`, () => answer(ada.testRun.PUT('/v1/test-plans/{generation}', { ...path, body: PLAN })), 200);
  expect(await answer(ada.results.PUT('/v1/criteria/{generation}', { ...path, body: CRITERIA })), 200, `criteria ${code}`);
  // Terms are four-eyes: fiona proposes, farid approves.
  const terms: NewTerms = { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '5000000.00' };
  const { version } = expect(
    await answer(fiona.purchaseOption.PUT('/v1/terms/{generation}', { ...path, body: terms })),
    201,
    `terms ${code}`,
  );
  const approval = { params: { path: { generation: code, version } }, body: { approve: true, note: 'bench terms' } };
  expect(
    await answer(farid.purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', approval)),
    200,
    `approve terms ${code}`,
  );
  const codes = Array.from({ length: bays }, (_, i) => `BAY-${code}-${i + 1}`);
  for (const bay of codes) expect(await answer(ada.testRun.POST('/v1/bays', { body: { code: bay, site: 'PDX-1' } })), 201, `bay ${bay}`);
  return codes;
}

/** Delivery of one rack, inspected and released for evaluation. */
export async function receiveRack(api: Api, serial: string, generation: string): Promise<void> {
  const delivery: NewDelivery = {
    reference: `DLV-${serial}`,
    site: 'PDX-1',
    receivedAt: new Date().toISOString(),
    racks: [{ serial, generation, lot: 'LOT-B', bom: bom() }],
  };
  const ines = api.as('ines');
  expect(await answer(ines.intake.POST('/v1/deliveries', { body: delivery })), 201, `deliver ${serial}`);
  const inspection: NewInspection = { checks: CHECKS, outcome: 'ACCEPTED' };
  expect(
    await answer(ines.intake.POST('/v1/racks/{serial}/inspections', { params: { path: { serial } }, body: inspection })),
    201,
    `inspect ${serial}`,
  );
}

/** Schedules and starts the burn-in run once test-run knows the rack is released; returns the run id. */
export async function startRun(api: Api, serial: string, bay: string, pace: PollOptions = PROMPT): Promise<string> {
  const tariq = api.as('tariq');
  const run = await eventually(
    `schedule ${serial}`,
    () => answer(tariq.testRun.POST('/v1/runs', { body: { rackSerial: serial, suite: 'burn-in', bay } })),
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

export async function logMeasurements(api: Api, runId: string, measurements: NewMeasurement[], pace: PollOptions = PROMPT): Promise<void> {
  const tariq = api.as('tariq');
  await eventually(
    `measurements of ${runId}`,
    () => answer(tariq.results.POST('/v1/runs/{runId}/measurements', { params: { path: { runId } }, body: { measurements } })),
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
  const option = await answer(api.as('fiona').purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: serial } } }));
  return option.status === 200 ? option.body.state : undefined;
}
