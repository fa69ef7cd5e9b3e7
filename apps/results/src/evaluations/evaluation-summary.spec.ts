import type { CriterionJudgement } from '../verdicts/judge';
import { significant, summarise } from './evaluation-summary';

const judgement = (over: Partial<CriterionJudgement>): CriterionJudgement => ({
  metric: 'm',
  unit: 'u',
  comparator: 'gte',
  required: true,
  category: 'thermal',
  aggregation: 'mean',
  samples: 10,
  result: 'PASS',
  ...over,
});

describe('evaluation summary', () => {
  it('puts performance, power and performance per watt beside their targets', () => {
    const sut = summarise([
      judgement({ metric: 'training.tokens_per_s', unit: 'tokens/s', category: 'performance', min: 96_000, measured: 100_000 }),
      judgement({ metric: 'rack.power', unit: 'kW', category: 'power', comparator: 'lte', max: 120, measured: 100 }),
      judgement({ metric: 'coolant.inlet_temp', unit: 'C', result: 'FAIL', measured: 40 }),
    ]);
    expect(sut.criteriaMet).toBe(2);
    expect(sut.criteriaTotal).toBe(3);
    expect(sut.performance).toEqual({ metric: 'training.tokens_per_s', unit: 'tokens/s', measured: 100_000, target: 96_000 });
    expect(sut.power).toEqual({ metric: 'rack.power', unit: 'kW', measured: 100, target: 120 });
    expect(sut.performancePerWatt).toEqual({ metric: 'training.tokens_per_s/rack.power', unit: 'tokens/s/W', measured: 1, target: 0.8 });
  });

  it('leaves out figures it has no criteria or samples for', () => {
    const sut = summarise([judgement({ metric: 'rack.power', unit: 'kW', category: 'power', comparator: 'lte', max: 120, result: 'FAIL' })]);
    expect(sut.power).toEqual({ metric: 'rack.power', unit: 'kW', target: 120 });
    expect(sut.performance).toBeUndefined();
    expect(sut.performancePerWatt).toBeUndefined();
  });
});

describe('significant', () => {
  it('drops float noise from means and ratios but keeps their meaning', () => {
    expect(significant(455965.44583333336)).toBe(455965.446);
    expect(significant(3.1818181818181817)).toBe(3.18181818);
    expect(significant(0.000012345678912)).toBe(0.0000123456789);
    expect(significant(3000)).toBe(3000);
  });
});
