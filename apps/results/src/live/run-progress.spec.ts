import type { DiagnosisCriterionRule, DiagnosisEvidence } from '../verdicts/diagnosis-verdict.rules';
import type { CriterionRule } from '../verdicts/run-verdict.rules';
import { verdictSoFar } from './run-progress';

const power: CriterionRule = {
  metric: 'rack_power',
  unit: 'kW',
  comparator: 'lte',
  max: 130,
  required: true,
  category: 'power',
  aggregation: 'max',
};
const throughput: CriterionRule = {
  metric: 'training_throughput',
  unit: 'tokens/s',
  comparator: 'gte',
  min: 3000,
  required: true,
  category: 'performance',
  aggregation: 'mean',
};
const inlet: CriterionRule = {
  metric: 'inlet_temp',
  unit: 'C',
  comparator: 'lte',
  max: 35,
  required: false,
  category: 'thermal',
  aggregation: 'max',
};
const samples = (entries: Record<string, number[]>) => new Map(Object.entries(entries));
const nvlink: DiagnosisCriterionRule = {
  symptom: 'nvlink-fabric',
  requirePass: true,
  failOnUnknown: false,
  required: true,
  category: 'network',
};
const diagnosis = (artifactId: number, type: DiagnosisEvidence['type']): DiagnosisEvidence => ({
  artifactId,
  type,
  symptom: 'nvlink-fabric',
  at: '2026-11-29T10:00:00.000Z',
});

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
    expect(soFar.criteria[0]).toEqual(
      expect.objectContaining({ result: 'FAIL', measured: 131.5, reason: 'max 131.5 kW is above max 130 kW' }),
    );
    expect(soFar.criteria[1].result).toBe('PASS');
  });

  it('passes when every required criterion passes, whatever an optional one still waits for', () => {
    const soFar = sut([power, throughput, inlet], samples({ rack_power: [120], training_throughput: [3100, 3200] }));

    expect(soFar.verdict).toBe('PASS');
    expect(soFar.criteria[2].result).toBe('PENDING');
  });

  it('judges diagnosis criteria so far: PENDING until the PASS it needs, FAIL on a failing diagnosis, naming it', () => {
    const metricsPass = samples({ rack_power: [120], training_throughput: [3100] });
    const none = sut([power, throughput], metricsPass, { rules: [nvlink], found: [] });
    expect(none.diagnosisCriteria.map((c) => [c.symptom, c.result, c.diagnoses, c.reason])).toEqual([
      ['nvlink-fabric', 'PENDING', 0, undefined],
    ]);
    expect(none.verdict).toBe('PENDING');

    const passed = sut([power, throughput], metricsPass, { rules: [nvlink], found: [diagnosis(7, 'PASS')] });
    expect(passed.diagnosisCriteria[0]).toEqual(
      expect.objectContaining({ result: 'PASS', decidedBy: expect.objectContaining({ artifactId: 7 }) }),
    );
    expect(passed.verdict).toBe('PASS');

    const failed = sut([power, throughput], metricsPass, { rules: [nvlink], found: [diagnosis(7, 'PASS'), diagnosis(9, 'FAIL')] });
    expect(failed.diagnosisCriteria[0]).toEqual(
      expect.objectContaining({ result: 'FAIL', decidedBy: expect.objectContaining({ artifactId: 9 }) }),
    );
    expect(failed.verdict).toBe('FAIL');
  });

  it('waits when the run has no criterion yet', () => {
    expect(sut([], samples({ rack_power: [120] })).verdict).toBe('PENDING');
  });
});
