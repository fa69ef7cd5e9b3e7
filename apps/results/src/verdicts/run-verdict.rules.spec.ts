import { powerCriterion as power, throughputCriterion as throughput } from '../../test/support/criterion-rules';
import { CriterionRule, judgeCriterion, judgeRun } from './run-verdict.rules';

const inlet: CriterionRule = {
  metric: 'coolant.inlet_temp',
  unit: 'C',
  comparator: 'between',
  min: 18,
  max: 32,
  required: false,
  category: 'thermal',
  aggregation: 'p95',
};

describe('judging', () => {
  it('passes a gte criterion at or above min and fails below it', () => {
    expect(judgeCriterion(throughput, [1000, 1000]).result).toBe('PASS');
    const failed = judgeCriterion(throughput, [900, 1050]);
    expect(failed).toMatchObject({ result: 'FAIL', measured: 975, samples: 2 });
    expect(failed.reason).toBe('mean 975 tokens/s is below min 1000 tokens/s');
  });

  it('judges lte on the aggregated figure (max by default for ceilings)', () => {
    expect(judgeCriterion(power, [100, 119.9, 120]).result).toBe('PASS');
    expect(judgeCriterion(power, [100, 120.1]).reason).toBe('max 120.1 kW is above max 120 kW');
  });

  it('judges between inclusively at both ends', () => {
    expect(judgeCriterion(inlet, [18, 32]).result).toBe('PASS');
    expect(judgeCriterion(inlet, [17.9]).reason).toContain('below min 18');
    expect(judgeCriterion(inlet, [33]).reason).toContain('above max 32');
  });

  it('fails a required metric without samples as missing', () => {
    expect(judgeCriterion(throughput, [])).toMatchObject({ result: 'FAIL', reason: 'missing', samples: 0 });
    expect(judgeCriterion(throughput, []).measured).toBeUndefined();
  });

  it('fails the run only on a required criterion', () => {
    const samples = new Map([
      ['training.tokens_per_s', [1200]],
      ['rack.power', [110]],
      ['coolant.inlet_temp', [40]],
    ]);
    const sut = judgeRun([throughput, power, inlet], samples);
    expect(sut.verdict).toBe('PASS');
    expect(sut.criteria.map((c) => c.result)).toEqual(['PASS', 'PASS', 'FAIL']);

    const withoutPower = judgeRun([throughput, power], new Map([['training.tokens_per_s', [1200]]]));
    expect(withoutPower.verdict).toBe('FAIL');
    expect(withoutPower.criteria[1]).toMatchObject({ metric: 'rack.power', result: 'FAIL', reason: 'missing' });
  });

  it('fails a run whose suite matched no criterion, naming the rule (it cannot pass on nothing)', () => {
    const sut = judgeRun([], new Map([['fabric.bandwidth', [800]]]));
    expect(sut.verdict).toBe('FAIL');
    expect(sut.criteria).toEqual([]);
    expect(sut.reason).toContain('NO_MATCHING_CRITERIA');
  });
});
