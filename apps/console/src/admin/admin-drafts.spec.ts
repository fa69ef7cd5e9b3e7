import { checkCriteria, emptyCriterionRow, toCriteria, toSuites } from './admin-drafts';

describe('admin forms', () => {
  it('sends only the thresholds a comparator uses', () => {
    const sut = toCriteria([{ ...emptyCriterionRow(), metric: 'rack.power', unit: 'kW', comparator: 'lte', min: '5', max: '132' }]);
    expect(sut).toEqual([{ metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 132, required: true, category: 'performance' }]);
  });

  it('names missing thresholds and inverted bands by row', () => {
    const sut = checkCriteria([
      { ...emptyCriterionRow(), metric: 'a', unit: 'W', comparator: 'gte', min: '' },
      { ...emptyCriterionRow(), metric: 'b', unit: 'C', comparator: 'between', min: '30', max: '20' },
    ]);
    expect(sut).toEqual(['criterion 1: a minimum is required for gte', 'criterion 2: the minimum is above the maximum']);
  });

  it('splits typed metric lists', () => {
    const [sut] = toSuites([
      { key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: '3', metrics: 'gpu.temp, rack.power  fabric.bw' },
    ]);
    expect(sut).toEqual({
      key: 'burn-in',
      name: 'Burn-in',
      required: true,
      maxAttempts: 3,
      metrics: ['gpu.temp', 'rack.power', 'fabric.bw'],
    });
  });
});
