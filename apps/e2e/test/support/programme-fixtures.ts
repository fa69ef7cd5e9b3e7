/** The programme the whole-flow test sets up: one test plan and criteria for both generations, and BOMs. */
import type { Criterion, NewBomLine, Suite } from '@rackeval/api-client';
import { bom as testBom, BURN_IN_CRITERIA, burnInPlan } from '@rackeval/testing';

export const PLAN: { suites: Suite[] } = {
  suites: [
    ...burnInPlan().suites,
    { key: 'fabric-bandwidth', name: 'Fabric bandwidth', required: false, maxAttempts: 1, metrics: ['fabric_bandwidth'] },
  ],
};
export const CRITERIA: { criteria: Criterion[] } = {
  criteria: [
    ...BURN_IN_CRITERIA.criteria,
    { metric: 'fabric_bandwidth', unit: 'Gbit/s', comparator: 'gte', min: 3200, required: false, category: 'network' },
  ],
};

/** All four parts; a high US share has the GPU trays made in the US, a low one in Taiwan. */
export function bom(usShare: 'high' | 'low'): NewBomLine[] {
  return testBom(undefined, { gpuOrigin: usShare === 'high' ? 'US' : 'TW' });
}
