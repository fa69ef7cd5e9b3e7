import { significant, SuiteJudgement, summarise } from './evaluation-summary.rules';

const judgement = (over: Partial<SuiteJudgement>): SuiteJudgement => ({
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

/** Rack power in the burn-in run, and throughput in a run of its own: the performance run is not the burn-in run. */
const burnInPower = judgement({
  runId: 'r-burn',
  suite: 'burn-in',
  metric: 'rack_power',
  unit: 'kW',
  category: 'power',
  comparator: 'lte',
  max: 132,
  measured: 118,
});
const trainingThroughput = judgement({
  runId: 'r-train',
  suite: 'training-throughput',
  metric: 'training_throughput',
  unit: 'tokens/s',
  category: 'performance',
  min: 20_000,
  measured: 24_000,
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
    expect(sut.performanceRunPower).toEqual({ metric: 'rack.power', unit: 'kW', measured: 100, target: 120 });
  });

  it('divides performance by the power measured in the same run, not the burn-in run', () => {
    const sut = summarise([
      burnInPower,
      trainingThroughput,
      judgement({
        runId: 'r-train',
        suite: 'training-throughput',
        metric: 'rack_power',
        unit: 'kW',
        category: 'power',
        comparator: 'lte',
        max: 132,
        measured: 120,
      }),
    ]);
    expect(sut.power).toEqual({ metric: 'rack_power', unit: 'kW', measured: 118, target: 132, suite: 'burn-in' });
    expect(sut.performanceRunPower).toEqual({ metric: 'rack_power', unit: 'kW', measured: 120, target: 132, suite: 'training-throughput' });
    expect(sut.performancePerWatt).toEqual({
      metric: 'training_throughput/rack_power',
      unit: 'tokens/s/W',
      measured: 0.2, // 24 000 ÷ 120 000 W, not ÷ burn-in's 118 000 W
      target: significant(20_000 / 132_000),
      suite: 'training-throughput',
    });
  });

  it('converts the same-run power to kW whatever unit it was measured in', () => {
    const sut = summarise([
      judgement({ runId: 'r1', metric: 'tps', unit: 'tokens/s', category: 'performance', min: 1000, measured: 1500 }),
      judgement({ runId: 'r1', metric: 'pdu_power', unit: 'W', category: 'power', comparator: 'lte', max: 50_000, measured: 30_000 }),
    ]);
    expect(sut.performanceRunPower).toMatchObject({ unit: 'kW', measured: 30, target: 50 });
    expect(sut.performancePerWatt).toMatchObject({ measured: 0.05, target: 0.02 });
  });

  it('says so when the performance run measured no power, instead of borrowing another run’s', () => {
    const sut = summarise([burnInPower, trainingThroughput]);
    expect(sut.performancePerWatt).toEqual({
      metric: 'training_throughput/power',
      unit: 'tokens/s/W',
      suite: 'training-throughput',
      note: 'no power criterion was measured in the training-throughput run that measured training_throughput',
    });
    expect(sut.performanceRunPower?.measured).toBeUndefined();
    expect(sut.performanceRunPower?.note).toMatch(/no power criterion/);
  });

  it('says which figure had no samples when the same-run power is missing', () => {
    const sut = summarise([
      judgement({ runId: 'r1', suite: 'training', metric: 'tps', unit: 'tokens/s', category: 'performance', min: 1000, measured: 1500 }),
      judgement({
        runId: 'r1',
        suite: 'training',
        metric: 'rack_power',
        unit: 'kW',
        category: 'power',
        comparator: 'lte',
        max: 50,
        result: 'FAIL',
      }),
    ]);
    expect(sut.performanceRunPower).toEqual({
      metric: 'rack_power',
      unit: 'kW',
      target: 50,
      suite: 'training',
      note: 'rack_power has no samples in the training run',
    });
    expect(sut.performancePerWatt?.measured).toBeUndefined();
    expect(sut.performancePerWatt?.note).toBe('rack_power has no samples in the training run that measured tps');
  });

  it('leaves out figures it has no criteria or samples for', () => {
    const sut = summarise([
      judgement({ metric: 'rack.power', unit: 'kW', category: 'power', comparator: 'lte', max: 120, result: 'FAIL' }),
    ]);
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
