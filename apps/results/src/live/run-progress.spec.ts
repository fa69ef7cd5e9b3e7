import type { CriterionRule } from '../verdicts/judge';
import { verdictSoFar } from './run-progress';

const power: CriterionRule = { metric: 'rack_power', unit: 'kW', comparator: 'lte', max: 130, required: true, category: 'power', aggregation: 'max' };
const throughput: CriterionRule = { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance', aggregation: 'mean' };
const inlet: CriterionRule = { metric: 'inlet_temp', unit: 'C', comparator: 'lte', max: 35, required: false, category: 'thermal', aggregation: 'max' };
const samples = (entries: Record<string, number[]>) => new Map(Object.entries(entries));

describe('verdictSoFar', () => {
  const sut = verdictSoFar;

  it('is PENDING per criterion and for the run before any sample', () => {
    const soFar = sut([power, throughput], samples({}));

    expect(soFar.verdict).toBe('PENDING');
    expect(soFar.criteria.map((c) => [c.metric, c.result, c.samples, c.measured, c.reason])).toEqual([
      ['rack_power', 'PENDING', 0, undefined, undefined],
      ['training_throughput', 'PENDING', 0, undefined, undefined],
    ]);
  });

  it('judges each criterion on the figure the final verdict uses, and stays PENDING while a required one has no sample', () => {
    const soFar = sut([power, throughput], samples({ rack_power: [120, 125] }));

    expect(soFar.criteria[0]).toEqual(expect.objectContaining({ result: 'PASS', measured: 125, samples: 2 }));
    expect(soFar.verdict).toBe('PENDING');
  });

  it('flips to FAIL when a figure crosses its limit, naming it', () => {
    const soFar = sut([power, throughput], samples({ rack_power: [120, 131.5], training_throughput: [3100] }));

    expect(soFar.verdict).toBe('FAIL');
    expect(soFar.criteria[0]).toEqual(expect.objectContaining({ result: 'FAIL', measured: 131.5, reason: 'max 131.5 kW is above max 130 kW' }));
    expect(soFar.criteria[1].result).toBe('PASS');
  });

  it('passes when every required criterion passes, whatever an optional one still waits for', () => {
    const soFar = sut([power, throughput, inlet], samples({ rack_power: [120], training_throughput: [3100, 3200] }));

    expect(soFar.verdict).toBe('PASS');
    expect(soFar.criteria[2].result).toBe('PENDING');
  });

  it('waits when the run has no criterion yet', () => {
    expect(sut([], samples({ rack_power: [120] })).verdict).toBe('PENDING');
  });
});
