/** Test data the browser tests set up through the API. */

/** A burn-in suite measuring throughput and rack power, with `maxAttempts` attempts. */
export const burnInPlan = (maxAttempts = 2) => ({
  suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts, metrics: ['training_throughput', 'rack_power'] }],
});

/** Throughput at least 3000 tokens/s, rack power at most 130 kW, both required. */
export const BURN_IN_CRITERIA = {
  criteria: [
    { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' },
    { metric: 'rack_power', unit: 'kW', comparator: 'lte', max: 130, required: true, category: 'power' },
  ],
};

/** Every inspection check passed. */
export const PASSED_CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));
