import { appliesToSuite, DiagnosisCriterionRule, DiagnosisEvidence, judgeDiagnosisCriterion } from './diagnosis-verdict.rules';
import { powerCriterion as power } from '../../test/support/criterion-rules';
import { judgeRun, NO_MATCHING_CRITERIA } from './run-verdict.rules';

const noFail: DiagnosisCriterionRule = {
  symptom: 'gpu-ecc',
  requirePass: false,
  failOnUnknown: false,
  required: true,
  category: 'reliability',
};

let nextId = 1;
const diagnosis = (type: DiagnosisEvidence['type'], symptom: string, more: Partial<DiagnosisEvidence> = {}): DiagnosisEvidence => ({
  artifactId: nextId++,
  type,
  symptom,
  at: '2026-11-29T10:00:00.000Z',
  ...more,
});

describe('diagnosis criteria', () => {
  it('fails on a FAIL diagnosis of its symptom, naming the diagnosis that decided it', () => {
    const failing = diagnosis('FAIL', 'gpu-ecc', { hardwareInfoId: 'gpu3', message: 'uncorrectable ECC errors' });
    const sut = judgeDiagnosisCriterion(noFail, [diagnosis('PASS', 'gpu-ecc'), failing, diagnosis('FAIL', 'gpu-ecc')]);
    expect(sut).toMatchObject({ result: 'FAIL', diagnoses: 3, decidedBy: failing });
    expect(sut.reason).toBe(
      `diagnosis FAIL gpu-ecc on gpu3 (artifact ${failing.artifactId}): uncorrectable ECC errors fails symptom gpu-ecc`,
    );
  });

  it('passes when the symptom has only PASS diagnoses, and ignores other symptoms', () => {
    const passing = diagnosis('PASS', 'gpu-ecc');
    const sut = judgeDiagnosisCriterion(noFail, [diagnosis('FAIL', 'fan-speed'), passing]);
    expect(sut).toMatchObject({ result: 'PASS', diagnoses: 1, decidedBy: passing });
    expect(sut.reason).toBeUndefined();
  });

  it('without a symptom looks at every diagnosis', () => {
    const sut = judgeDiagnosisCriterion({ ...noFail, symptom: undefined }, [diagnosis('PASS', 'a'), diagnosis('FAIL', 'fan-speed')]);
    expect(sut).toMatchObject({ result: 'FAIL', diagnoses: 2, decidedBy: { symptom: 'fan-speed' } });
  });

  it('narrows to one piece of hardware when given', () => {
    const rule = { ...noFail, hardwareInfoId: 'gpu0' };
    expect(
      judgeDiagnosisCriterion(rule, [
        diagnosis('FAIL', 'gpu-ecc', { hardwareInfoId: 'gpu1' }),
        diagnosis('PASS', 'gpu-ecc', { hardwareInfoId: 'gpu0' }),
      ]).result,
    ).toBe('PASS');
    expect(judgeDiagnosisCriterion(rule, [diagnosis('FAIL', 'gpu-ecc', { hardwareInfoId: 'gpu0' })]).reason).toContain(
      'fails symptom gpu-ecc on hardware gpu0',
    );
  });

  it('treats UNKNOWN as failing only when asked, and requirePass needs a PASS', () => {
    const unknown = [diagnosis('UNKNOWN', 'gpu-ecc')];
    expect(judgeDiagnosisCriterion(noFail, unknown)).toMatchObject({ result: 'PASS', diagnoses: 1 });
    expect(judgeDiagnosisCriterion(noFail, unknown).decidedBy).toBeUndefined();
    expect(judgeDiagnosisCriterion({ ...noFail, failOnUnknown: true }, unknown)).toMatchObject({ result: 'FAIL', decidedBy: unknown[0] });
    expect(judgeDiagnosisCriterion({ ...noFail, requirePass: true }, unknown)).toMatchObject({
      result: 'FAIL',
      reason: 'no PASS diagnosis for symptom gpu-ecc (1 UNKNOWN)',
    });
  });

  it('fails as missing without a matching diagnosis, as a metric without samples does', () => {
    expect(judgeDiagnosisCriterion(noFail, [])).toMatchObject({ result: 'FAIL', reason: 'missing', diagnoses: 0 });
    expect(judgeDiagnosisCriterion({ ...noFail, required: false }, [diagnosis('FAIL', 'other')])).toMatchObject({
      result: 'FAIL',
      reason: 'missing (optional criterion)',
    });
  });

  it('applies to the suites it names, or to every suite', () => {
    expect(appliesToSuite(noFail, 'burn-in')).toBe(true);
    expect(appliesToSuite({ ...noFail, suites: ['burn-in'] }, 'burn-in')).toBe(true);
    expect(appliesToSuite({ ...noFail, suites: ['burn-in'] }, 'thermal-soak')).toBe(false);
  });
});

describe('judging a run with diagnosis criteria', () => {
  const samples = new Map([['rack.power', [100]]]);

  it('fails the run on a required diagnosis criterion even when every metric passes', () => {
    const sut = judgeRun([power], samples, { rules: [noFail], found: [diagnosis('FAIL', 'gpu-ecc')] });
    expect(sut.verdict).toBe('FAIL');
    expect(sut.criteria[0].result).toBe('PASS');
    expect(sut.diagnosisCriteria).toMatchObject([{ symptom: 'gpu-ecc', result: 'FAIL', decidedBy: { type: 'FAIL', symptom: 'gpu-ecc' } }]);
  });

  it('fails the run on a required diagnosis criterion without any diagnosis (missing)', () => {
    const sut = judgeRun([power], samples, { rules: [noFail], found: [] });
    expect(sut.verdict).toBe('FAIL');
    expect(sut.diagnosisCriteria![0]).toMatchObject({ result: 'FAIL', reason: 'missing' });
  });

  it('reports an optional diagnosis criterion without letting it decide', () => {
    const sut = judgeRun([power], samples, { rules: [{ ...noFail, required: false }], found: [diagnosis('FAIL', 'gpu-ecc')] });
    expect(sut.verdict).toBe('PASS');
    expect(sut.diagnosisCriteria![0].result).toBe('FAIL');
  });

  it('judges a run on diagnosis criteria alone, and still fails a run with no criterion of either kind', () => {
    expect(judgeRun([], new Map(), { rules: [noFail], found: [diagnosis('PASS', 'gpu-ecc')] }).verdict).toBe('PASS');
    const sut = judgeRun([], new Map(), { rules: [], found: [diagnosis('PASS', 'gpu-ecc')] });
    expect(sut).toMatchObject({ verdict: 'FAIL', reason: NO_MATCHING_CRITERIA, diagnosisCriteria: [] });
  });

  it('judges as before when called without diagnoses', () => {
    const sut = judgeRun([power], samples);
    expect(sut).toEqual({ verdict: 'PASS', criteria: [expect.objectContaining({ metric: 'rack.power', result: 'PASS' })] });
  });
});
