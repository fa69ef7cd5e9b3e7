import { FULL_COST_TARGETS } from '../../test/support/cost-targets';
import { costTargetsProblems } from './cost-targets.rules';

describe('cost targets rules', () => {
  it('accepts a full set of targets', () => {
    const sut = costTargetsProblems(FULL_COST_TARGETS);
    expect(sut).toEqual([]);
  });

  it('needs at least one target', () => {
    expect(costTargetsProblems({ currency: 'USD' })).toEqual([{ field: 'maxUnitPrice', message: expect.stringMatching(/at least one/) }]);
  });

  it('names each missing TCO input when only some are given', () => {
    const sut = costTargetsProblems({ currency: 'USD', maxUnitPrice: '1', energyPricePerKwh: '0.1' });
    expect(sut.map((p) => p.field)).toEqual(['pue', 'horizonYears']);
  });

  it('refuses a TCO target without the TCO inputs, and per-unit targets without a unit', () => {
    const sut = costTargetsProblems({ currency: 'USD', maxTcoPerPerformanceUnit: '70' });
    expect(sut.map((p) => p.field)).toEqual(['maxTcoPerPerformanceUnit', 'performanceUnit']);
  });

  it('keeps PUE within 1–5, the horizon within (0, 30] and targets above 0', () => {
    const sut = costTargetsProblems({ currency: 'USD', maxUnitPrice: '0', energyPricePerKwh: '0.1', pue: '0.9', horizonYears: '0' });
    expect(sut.map((p) => p.field)).toEqual(['pue', 'horizonYears', 'maxUnitPrice']);
    expect(costTargetsProblems({ currency: 'USD', maxUnitPrice: '1', energyPricePerKwh: '0.1', pue: '5', horizonYears: '30' })).toEqual([]);
    expect(
      costTargetsProblems({ currency: 'USD', maxUnitPrice: '1', energyPricePerKwh: '0.1', pue: '1', horizonYears: '30.01' })[0].field,
    ).toBe('horizonYears');
  });
});
