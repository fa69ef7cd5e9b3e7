/** A full set of cost targets (every target set), as G1's version 2 in the unit specs states them. */
export const FULL_COST_TARGETS = {
  currency: 'USD',
  performanceUnit: 'tokens/s',
  maxUnitPrice: '1300000.00',
  maxPricePerPerformanceUnit: '60',
  energyPricePerKwh: '0.085',
  pue: '1.25',
  horizonYears: '5',
  maxTcoPerPerformanceUnit: '70',
};
