import type { RunVerdict } from '../api';

/** A power criterion as a verdict reports it, without its measured figure and result. */
export const powerCriterion = {
  metric: 'rack_power',
  unit: 'kW',
  comparator: 'lte' as const,
  max: 130,
  required: true,
  category: 'power' as const,
  aggregation: 'max' as const,
  samples: 3,
};

/** A run's verdict as results' GET /v1/runs/{runId}/verdict returns it; `change` sets the verdict, its criteria and revisions. */
export function verdictFixture(change: object): RunVerdict {
  return {
    runId: '7b0c6a56-3c1e-4c89-9a53-0a4e8f1f7a11',
    rackSerial: 'RK-1',
    generation: 'G1',
    suite: 'burn-in',
    attempt: 1,
    judgedAt: '2026-11-29T12:00:00.000Z',
    ...change,
  } as RunVerdict;
}
