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

/** training.tokens_per_s at least 1000 tokens/s, judged on the mean of the run's samples: the throughput criterion the verdict specs judge runs by. */
export const throughputCriterion: CriterionRule = {
  metric: 'training.tokens_per_s',
  unit: 'tokens/s',
  comparator: 'gte',
  min: 1000,
  required: true,
  category: 'performance',
  aggregation: 'mean',
};
