import { costVerdictPassRatePct, sumByCurrency, valueFigures } from './programme.rules';

describe('programme rules (purchase-option)', () => {
  it('exposure adds exercisable and pending approval exactly, per currency', () => {
    const sut = sumByCurrency([
      { currency: 'USD', amount: '0.10', options: 1 },
      { currency: 'USD', amount: '0.20', options: 1 },
      { currency: 'EUR', amount: '2500000.00', options: 1 },
      { currency: 'USD', amount: '12345678901234567.89', options: 3 },
    ]);
    expect(sut).toEqual([
      { currency: 'EUR', amount: '2500000.00', options: 1 },
      { currency: 'USD', amount: '12345678901234568.19', options: 5 },
    ]);
  });

  it('nothing to add is no total, not a zero in a made-up currency', () => {
    expect(sumByCurrency([])).toEqual([]);
  });

  it('the cost-verdict pass rate counts only judged options: an incomplete one neither meets nor misses', () => {
    expect(costVerdictPassRatePct(3, 1)).toBe('75.00');
    expect(costVerdictPassRatePct(0, 0)).toBeNull();
  });

  it('a generation with targets and no evaluated option shows zeros and no figures', () => {
    const sut = valueFigures(undefined, 'USD');
    expect(sut).toMatchObject({ currency: 'USD', evaluated: 0, meets: 0, misses: 0, costVerdictPassRatePct: null });
    expect(sut.tcoPerPerformanceUnit).toEqual({ count: 0, p10: null, median: null, p90: null, target: null });
  });
});
