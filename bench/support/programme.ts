import type { Criterion, NewBomLine, NewDelivery, NewGeneration, NewInspection, NewMeasurement, NewTerms, OptionState, PurchaseOption, Run, Suite, Terms } from '@rackeval/api-client';
import type { PollOptions } from '@rackeval/testing';
import { Api, PROMPT, eventually, expect } from './api';

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
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({ name, passed: true }));

export function bom(): NewBomLine[] {
  return [
    { partNumber: 'GPU-TRAY-8', category: 'compute', quantity: 9, unitCost: '180000.00', currency: 'USD', supplier: 'Foxconn', countryOfOrigin: 'US' },
    { partNumber: 'NVSWITCH-TRAY', category: 'networking', quantity: 9, unitCost: '24000.00', currency: 'USD', supplier: 'Quanta', countryOfOrigin: 'MX' },
    { partNumber: 'CDU-250', category: 'cooling', quantity: 1, unitCost: '38000.50', currency: 'USD', supplier: 'Vertiv', countryOfOrigin: 'US' },
    { partNumber: 'PSU-33KW', category: 'power', quantity: 6, unitCost: '4200.00', currency: 'USD', supplier: 'Delta', countryOfOrigin: 'TH' },
  ];
}

/**
 * A generation ready for evaluation: catalogue entry, test plan, criteria, option terms (proposed
 * and approved; price below the approval threshold, so one finance user decides) and `bays` test bays.
 */
export async function setUpGeneration(api: Api, code: string, bays: number): Promise<string[]> {
  expect(
    await api.post('ada', 'intake', '/v1/generations', {
      code,
      name: `Bench ${code}`,
      cooling: 'direct-liquid',
      rackPowerBudgetKw: '132.000',
      gpusPerRack: 72,
      domesticContentTargetPct: '40.00',
    } satisfies NewGeneration),
    201,
    `register ${code}`,
  );
  await eventually(`test plan ${code}`, () => api.put('ada', 'test-run', `/v1/test-plans/${code}`, PLAN), 200);
  expect(await api.put('ada', 'results', `/v1/criteria/${code}`, CRITERIA), 200, `criteria ${code}`);
  // Terms are four-eyes: fiona proposes, farid approves.
  const terms: NewTerms = { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '5000000.00' };
  const { version } = expect(await api.put<Terms>('fiona', 'purchase-option', `/v1/terms/${code}`, terms), 201, `terms ${code}`);
  const approval = { approve: true, note: 'bench terms' };
  expect(await api.post('farid', 'purchase-option', `/v1/terms/${code}/versions/${version}/approval`, approval), 200, `approve terms ${code}`);
  const codes = Array.from({ length: bays }, (_, i) => `BAY-${code}-${i + 1}`);
  for (const bay of codes) expect(await api.post('ada', 'test-run', '/v1/bays', { code: bay, site: 'PDX-1' }), 201, `bay ${bay}`);
  return codes;
}

/** Delivery of one rack, inspected and released for evaluation. */
export async function receiveRack(api: Api, serial: string, generation: string): Promise<void> {
  const delivery: NewDelivery = { reference: `DLV-${serial}`, site: 'PDX-1', receivedAt: new Date().toISOString(), racks: [{ serial, generation, lot: 'LOT-B', bom: bom() }] };
  expect(await api.post('ines', 'intake', '/v1/deliveries', delivery), 201, `deliver ${serial}`);
  expect(await api.post('ines', 'intake', `/v1/racks/${serial}/inspections`, { checks: CHECKS, outcome: 'ACCEPTED' } satisfies NewInspection), 201, `inspect ${serial}`);
}

/** Schedules and starts the burn-in run once test-run knows the rack is released; returns the run id. */
export async function startRun(api: Api, serial: string, bay: string, pace: PollOptions = PROMPT): Promise<string> {
  const run = await eventually(`schedule ${serial}`, () => api.post<Run>('tariq', 'test-run', '/v1/runs', { rackSerial: serial, suite: 'burn-in', bay }), 201, pace);
  expect(await api.post('tariq', 'test-run', `/v1/runs/${run.id}/start`), 200, `start run of ${serial}`);
  return run.id;
}

/** Passing figures, posted once results has learnt the run started. */
export function passingMeasurements(count = 6): NewMeasurement[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 ? { ...METRICS.power, value: 120 + (i % 5) } : { ...METRICS.throughput, value: 3400 + (i % 7) },
  );
}

export async function logMeasurements(api: Api, runId: string, measurements: NewMeasurement[], pace: PollOptions = PROMPT): Promise<void> {
  await eventually(`measurements of ${runId}`, () => api.post('tariq', 'results', `/v1/runs/${runId}/measurements`, { measurements }), 201, pace);
}

export async function completeRun(api: Api, runId: string): Promise<void> {
  expect(await api.post('tariq', 'test-run', `/v1/runs/${runId}/complete`), 200, `complete ${runId}`);
}

export async function optionState(api: Api, serial: string): Promise<OptionState | undefined> {
  const answer = await api.get<PurchaseOption>('fiona', 'purchase-option', `/v1/options/${serial}`);
  return answer.status === 200 ? answer.body.state : undefined;
}
