import { CriterionDto } from './dto/criteria.dto';
import { thresholdProblems, toRule } from './criterion.rules';

const base = { metric: 'rack.power', unit: 'kW', required: true, category: 'power' } as const;

describe('criterion thresholds', () => {
  it('accepts thresholds that fit each comparator', () => {
    const sut: CriterionDto[] = [
      { ...base, comparator: 'lte', max: 120 },
      { ...base, metric: 'train.tps', comparator: 'gte', min: 10 },
      { ...base, metric: 'inlet', comparator: 'between', min: 18, max: 18 },
    ];
    expect(thresholdProblems(sut)).toEqual([]);
  });

  it('names each threshold that does not fit its comparator', () => {
    const sut: CriterionDto[] = [
      { ...base, comparator: 'gte' },
      { ...base, metric: 'b', comparator: 'lte', min: 1, max: 2 },
      { ...base, metric: 'c', comparator: 'between', min: 5, max: 4 },
      { ...base, metric: 'd', comparator: 'between', max: 4 },
    ];
    expect(thresholdProblems(sut)).toEqual([
      { field: 'criteria[0].min', message: 'gte needs min' },
      { field: 'criteria[1].min', message: 'lte takes only max; use between for a range' },
      { field: 'criteria[2].min', message: 'between needs min ≤ max (min 5, max 4)' },
      { field: 'criteria[3].min', message: 'between needs min' },
    ]);
  });

  it('refuses two criteria for one metric', () => {
    const sut: CriterionDto[] = [
      { ...base, comparator: 'lte', max: 1 },
      { ...base, comparator: 'lte', max: 2 },
    ];
    expect(thresholdProblems(sut)).toEqual([{ field: 'criteria[1].metric', message: 'rack.power already has a criterion at criteria[0]' }]);
  });

  it('defaults the aggregation by comparator', () => {
    expect(toRule({ ...base, comparator: 'lte', max: 1 }).aggregation).toBe('max');
    expect(toRule({ ...base, comparator: 'gte', min: 1 }).aggregation).toBe('mean');
    expect(toRule({ ...base, comparator: 'gte', min: 1, aggregation: 'p99' }).aggregation).toBe('p99');
  });
});
