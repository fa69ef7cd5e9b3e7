import type { Criterion, NewBomLine, NewCostTargets, NewDelivery, NewGeneration, NewTerms, Suite } from '@rackeval/api-client';
import { eventually, expectStatus } from './http-answers';
import { answer, type UserApi } from './test-api';
import type { PollOptions } from './wait-for';

/**
 * A programme as tests, browser tests, the bench, the fault suite and the CLI's tests set it up
 * through the public API: a generation with its test plan, criteria, option terms, cost targets and
 * bays, then racks delivered, inspected and released for evaluation.
 */

/** The two metrics every burn-in suite reports. */
export const METRICS = {
  throughput: { metric: 'training_throughput', unit: 'tokens/s' },
  power: { metric: 'rack_power', unit: 'kW' },
} as const;

/** One required burn-in suite measuring throughput and rack power, with `maxAttempts` attempts. */
export const burnInPlan = (maxAttempts = 2): { suites: Suite[] } => ({
  suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts, metrics: [METRICS.throughput.metric, METRICS.power.metric] }],
});

/** Throughput at least 3000 tokens/s, rack power at most 130 kW, both required. */
export const BURN_IN_CRITERIA: { criteria: Criterion[] } = {
  criteria: [
    { ...METRICS.throughput, comparator: 'gte', min: 3000, required: true, category: 'performance' },
    { ...METRICS.power, comparator: 'lte', max: 130, required: true, category: 'power' },
  ],
};

/**
 * Cost targets in USD per token/s: a unit price of at most 4,000,000.00 and a five-year TCO (0.085 per
 * kWh, PUE 1.25) of at most `maxTcoPerPerformanceUnit`.
 */
export const costTargets = (maxTcoPerPerformanceUnit: string): NewCostTargets => ({
  currency: 'USD',
  performanceUnit: 'tokens/s',
  maxUnitPrice: '4000000.00',
  energyPricePerKwh: '0.085',
  pue: '1.25',
  horizonYears: '5',
  maxTcoPerPerformanceUnit,
});

/** Every inspection check passed. */
export const PASSED_CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));

/** The parts a test BOM is made of; the GPU tray's origin (and supplier) is what varies the domestic content. */
const BOM_PARTS = {
  gpu: { partNumber: 'GPU-TRAY-8', category: 'compute', quantity: 9, unitCost: '180000.00', currency: 'USD', supplier: 'Foxconn' },
  nvswitch: {
    partNumber: 'NVSWITCH-TRAY',
    category: 'networking',
    quantity: 9,
    unitCost: '24000.00',
    currency: 'USD',
    supplier: 'Quanta',
    countryOfOrigin: 'MX',
  },
  cdu: {
    partNumber: 'CDU-250',
    category: 'cooling',
    quantity: 1,
    unitCost: '38000.50',
    currency: 'USD',
    supplier: 'Vertiv',
    countryOfOrigin: 'US',
  },
  psu: {
    partNumber: 'PSU-33KW',
    category: 'power',
    quantity: 6,
    unitCost: '4200.00',
    currency: 'USD',
    supplier: 'Delta',
    countryOfOrigin: 'TH',
  },
} as const;
export type BomPart = keyof typeof BOM_PARTS;

/** A rack's BOM: these parts in this order, the GPU tray from `gpuOrigin` (US by default). */
export function bom(
  parts: readonly BomPart[] = ['gpu', 'nvswitch', 'cdu', 'psu'],
  { gpuOrigin = 'US', gpuSupplier = 'Foxconn' }: { gpuOrigin?: string; gpuSupplier?: string } = {},
): NewBomLine[] {
  return parts.map((part) =>
    part === 'gpu' ? { ...BOM_PARTS.gpu, supplier: gpuSupplier, countryOfOrigin: gpuOrigin } : { ...BOM_PARTS[part] },
  );
}

/** Who the set-up signs in as: a `TestApi`, or anything else that hands out a seeded user's clients. */
export interface Users {
  as(username: string): UserApi;
}

export interface GenerationSetUp {
  code: string;
  /** `Generation <code>` by default. */
  name?: string;
  /** '40.00' by default. */
  domesticContentTargetPct?: string;
  /** `burnInPlan()` by default. */
  plan?: { suites: Suite[] };
  /** `BURN_IN_CRITERIA` by default. */
  criteria?: { criteria: Criterion[] };
  /** Option terms, proposed by fiona and approved by farid (unless `approve` is false). */
  terms?: NewTerms & { approve?: boolean };
  /** Cost targets, proposed by fiona and approved by farid. */
  costTargets?: NewCostTargets;
  /** Test bays registered at PDX-1. */
  bays?: readonly string[];
  /** How to wait while test-run, results and purchase-option learn the generation from intake's event. */
  pace?: PollOptions;
}

/** The body of `POST /v1/generations` for `code`: Generation <code>, direct-liquid, 132 kW, 72 GPUs, 40 % domestic target. */
export function newGeneration(code: string, overrides: Partial<NewGeneration> = {}): NewGeneration {
  return {
    code,
    name: `Generation ${code}`,
    cooling: 'direct-liquid',
    rackPowerBudgetKw: '132.000',
    gpusPerRack: 72,
    domesticContentTargetPct: '40.00',
    ...overrides,
  };
}

/**
 * Registers generation `code` (ada) and, once the other services have learnt it, its test plan and
 * criteria (ada), its terms and cost targets (four eyes: fiona proposes, farid approves) and its bays.
 */
export async function setUpGeneration(api: Users, setUp: GenerationSetUp): Promise<void> {
  const { code, pace } = setUp;
  const [ada, fiona, farid] = [api.as('ada'), api.as('fiona'), api.as('farid')];
  const generation = newGeneration(code, {
    ...(setUp.name !== undefined && { name: setUp.name }),
    ...(setUp.domesticContentTargetPct !== undefined && { domesticContentTargetPct: setUp.domesticContentTargetPct }),
  });
  expectStatus(await answer(ada.intake.POST('/v1/generations', { body: generation })), 201, `register ${code}`);
  const path = { params: { path: { generation: code } } };
  const plan = setUp.plan ?? burnInPlan();
  await eventually(`test plan ${code}`, () => answer(ada.testRun.PUT('/v1/test-plans/{generation}', { ...path, body: plan })), 200, pace);
  const criteria = setUp.criteria ?? BURN_IN_CRITERIA;
  await eventually(`criteria ${code}`, () => answer(ada.results.PUT('/v1/criteria/{generation}', { ...path, body: criteria })), 200, pace);
  if (setUp.terms) {
    const { approve = true, ...terms } = setUp.terms;
    const proposed = await eventually(
      `terms ${code}`,
      () => answer(fiona.purchaseOption.PUT('/v1/terms/{generation}', { ...path, body: terms })),
      201,
      pace,
    );
    if (approve && proposed.status === 'PROPOSED') {
      const approval = { params: { path: { generation: code, version: proposed.version } }, body: { approve: true, note: 'agreed' } };
      expectStatus(
        await answer(farid.purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', approval)),
        200,
        `approve terms ${code}`,
      );
    }
  }
  if (setUp.costTargets) {
    const body = setUp.costTargets;
    const proposed = await eventually(
      `cost targets ${code}`,
      () => answer(fiona.purchaseOption.PUT('/v1/cost-targets/{generation}', { ...path, body })),
      201,
      pace,
    );
    const approval = { params: { path: { generation: code, version: proposed.version } }, body: { approve: true, note: 'agreed' } };
    expectStatus(
      await answer(farid.purchaseOption.POST('/v1/cost-targets/{generation}/versions/{version}/approval', approval)),
      200,
      `approve cost targets ${code}`,
    );
  }
  await registerBays(api, setUp.bays ?? []);
}

/** Test bays at PDX-1, registered by ada. */
export async function registerBays(api: Users, codes: readonly string[]): Promise<void> {
  for (const code of codes)
    expectStatus(await answer(api.as('ada').testRun.POST('/v1/bays', { body: { code, site: 'PDX-1' } })), 201, `bay ${code}`);
}

/** A delivery at PDX-1 (received 2026-11-25 08:30 UTC unless said otherwise). */
export type RackDelivery = Pick<NewDelivery, 'reference' | 'racks'> & Partial<Pick<NewDelivery, 'site' | 'receivedAt'>>;

/** Delivers the racks (ines) and inspects each one ACCEPTED with every check passed: released for evaluation. */
export async function receiveRacks(api: Users, delivery: RackDelivery): Promise<void> {
  const ines = api.as('ines');
  const body: NewDelivery = { site: 'PDX-1', receivedAt: '2026-11-25T08:30:00Z', ...delivery };
  expectStatus(await answer(ines.intake.POST('/v1/deliveries', { body })), 201, `deliver ${delivery.reference}`);
  for (const { serial } of delivery.racks) {
    const inspection = { params: { path: { serial } }, body: { checks: PASSED_CHECKS, outcome: 'ACCEPTED' as const } };
    expectStatus(await answer(ines.intake.POST('/v1/racks/{serial}/inspections', inspection)), 201, `inspect ${serial}`);
  }
}
