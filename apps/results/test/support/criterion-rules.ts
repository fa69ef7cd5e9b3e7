import type { CriterionRule } from '../../src/verdicts/run-verdict.rules';

/** rack.power at most 120 kW, judged on the run's highest sample: the power criterion the verdict specs judge runs by. */
export const powerCriterion: CriterionRule = {
  metric: 'rack.power',
  unit: 'kW',
  comparator: 'lte',
  max: 120,
  required: true,
  category: 'power',
  aggregation: 'max',
};
