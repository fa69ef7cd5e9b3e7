import { ocptvRun } from '@rackeval/testing';
import request from 'supertest';
import { CRITERIA, ResultsHarness } from './support/results.harness';

/** Metric criteria the streams below meet, so a verdict FAIL can only come from a diagnosis. */
const METRICS = CRITERIA.map((c) => (c.metric === 'rack.power' ? { ...c, max: 130 } : c));

const DIAGNOSIS_CRITERIA = [
  { symptom: 'gpu-ecc', required: true, category: 'reliability' },
  { symptom: 'power-ok', requirePass: true, suites: ['burn-in'], required: false, category: 'power' },
];

/** A burn-in's OCPTV stream: samples within every threshold, then the given diagnoses (GPU 3 may be named as gpu3). */
function stream(serial: string, diagnoses: Array<{ verdict: string; type: string; message?: string; hardwareInfoId?: string }>): string {
  return ocptvRun({
    serial,
    hardware: [{ hardwareInfoId: 'gpu3', name: 'GPU 3' }],
    artifacts: [
      { measurement: { name: 'rack.power', unit: 'kW', value: 110 } },
      { measurement: { name: 'training.tokens_per_s', unit: 'tokens/s', value: 1200 } },
      ...diagnoses.map((diagnosis) => ({ diagnosis })),
    ],
  });
}

describe('acceptance criteria on OCPTV diagnoses', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.learnGeneration('G7');
    const admin = await sut.as('ada');
    await admin.put('/v1/criteria/G7').send({ criteria: METRICS, diagnosisCriteria: DIAGNOSIS_CRITERIA }).expect(200);
    await sut.publishPlan('G7');
  });
  afterAll(() => sut?.dispose());

  async function judged(serial: string, diagnoses: Parameters<typeof stream>[1]) {
    const run = await sut.startRun(sut.fact(serial, 'G7', 'burn-in'));
    await request(sut.url)
      .post(`/v1/runs/${run.runId}/ocptv`)
      .set('authorization', `Bearer ${await sut.tokens.token('tess')}`)
      .set('content-type', 'application/x-ndjson')
      .send(stream(serial, diagnoses))
      .expect(201);
    await sut.completeRun(run);
    return { run, verdict: await sut.verdictOf(run.runId) };
  }

  it('keeps diagnosis criteria in the version, with their defaults', async () => {
    const viewer = await sut.as('vic');
    const version = await viewer.get('/v1/criteria/G7').expect(200);
    expect(version.body.diagnosisCriteria).toEqual([
      { symptom: 'gpu-ecc', requirePass: false, failOnUnknown: false, required: true, category: 'reliability' },
      { symptom: 'power-ok', requirePass: true, failOnUnknown: false, suites: ['burn-in'], required: false, category: 'power' },
    ]);
  });

  it('fails a run whose stream reports a FAIL diagnosis, naming the criterion and the diagnosis in the verdict and the evaluation', async () => {
    const { run, verdict } = await judged('RK-DIAG-1', [
      { verdict: 'power-ok', type: 'PASS' },
      { verdict: 'gpu-ecc', type: 'FAIL', message: 'uncorrectable ECC errors', hardwareInfoId: 'gpu3' },
    ]);
    expect(verdict.verdict).toBe('FAIL');
    expect(verdict.criteria.map((c: { result: string }) => c.result)).toEqual(['PASS', 'PASS']);
    const [ecc, power] = verdict.diagnosisCriteria;
    expect(ecc).toMatchObject({
      symptom: 'gpu-ecc',
      required: true,
      result: 'FAIL',
      diagnoses: 1,
      decidedBy: { type: 'FAIL', symptom: 'gpu-ecc', hardwareInfoId: 'gpu3', message: 'uncorrectable ECC errors', stepId: '0' },
    });
    expect(ecc.reason).toContain('diagnosis FAIL gpu-ecc on gpu3');
    expect(power).toMatchObject({ symptom: 'power-ok', result: 'PASS', decidedBy: { type: 'PASS', symptom: 'power-ok' } });

    // The diagnosis that decided it is the stored artifact the run page lists.
    const artifacts = await (await sut.as('vic')).get(`/v1/runs/${run.runId}/artifacts?kind=DIAGNOSIS&level=FAIL`).expect(200);
    expect(artifacts.body.items).toEqual([expect.objectContaining({ id: ecc.decidedBy.artifactId, name: 'gpu-ecc' })]);

    const evaluation = await (await sut.as('fiona')).get('/v1/racks/RK-DIAG-1/evaluation').expect(200);
    expect(evaluation.body.diagnosisCriteria).toEqual([
      expect.objectContaining({
        runId: run.runId,
        suite: 'burn-in',
        symptom: 'gpu-ecc',
        result: 'FAIL',
        decidedBy: expect.objectContaining({ symptom: 'gpu-ecc' }),
      }),
      expect.objectContaining({ runId: run.runId, suite: 'burn-in', symptom: 'power-ok', result: 'PASS' }),
    ]);
  });

  it('passes a run whose diagnoses of the symptom all pass', async () => {
    const { verdict } = await judged('RK-DIAG-2', [
      { verdict: 'gpu-ecc', type: 'PASS', hardwareInfoId: 'gpu3' },
      { verdict: 'power-ok', type: 'PASS' },
    ]);
    expect(verdict.verdict).toBe('PASS');
    expect(verdict.diagnosisCriteria.map((c: { result: string }) => c.result)).toEqual(['PASS', 'PASS']);
  });

  it('fails a run with no diagnosis of a required criterion as missing, as a missing metric does', async () => {
    const { verdict } = await judged('RK-DIAG-3', []);
    expect(verdict.verdict).toBe('FAIL');
    expect(verdict.diagnosisCriteria).toEqual([
      expect.objectContaining({ symptom: 'gpu-ecc', result: 'FAIL', reason: 'missing', diagnoses: 0 }),
      expect.objectContaining({ symptom: 'power-ok', result: 'FAIL', reason: 'missing (optional criterion)', diagnoses: 0 }),
    ]);
    expect(verdict.diagnosisCriteria[0].decidedBy).toBeUndefined();
  });

  it('refuses bad diagnosis criteria with a 400 naming each field, and writes no version', async () => {
    const admin = await sut.as('ada');
    await sut.learnGeneration('G8');
    const put = (diagnosisCriteria: unknown) => admin.put('/v1/criteria/G8').send({ criteria: METRICS, diagnosisCriteria }).expect(400);
    const fields = async (diagnosisCriteria: unknown) => (await put(diagnosisCriteria)).body.details.map((d: { field: string }) => d.field);

    expect(await fields([{ symptom: 'gpu-ecc', required: 'yes', category: 'money', requirePass: 1, suites: ['Burn In'] }])).toEqual(
      expect.arrayContaining([
        'diagnosisCriteria[0].required',
        'diagnosisCriteria[0].category',
        'diagnosisCriteria[0].requirePass',
        'diagnosisCriteria[0].suites',
      ]),
    );
    expect(await fields([{ symptom: '', required: true, category: 'reliability' }])).toEqual(['diagnosisCriteria[0].symptom']);
    expect(await fields([{ symptom: 'x', type: 'FAIL', required: true, category: 'reliability' }])).toEqual(['diagnosisCriteria[0].type']);
    expect(new Set(await fields('gpu-ecc'))).toEqual(new Set(['diagnosisCriteria']));

    const twice = await put([DIAGNOSIS_CRITERIA[0], { ...DIAGNOSIS_CRITERIA[0], required: false }]);
    expect(twice.body).toMatchObject({ code: 'INVALID_CRITERIA', details: [{ field: 'diagnosisCriteria[1].symptom' }] });
    expect(twice.body.details[0].message).toContain('already has a criterion at diagnosisCriteria[0]');
    await admin.get('/v1/criteria/G8').expect(404);
  });
});
