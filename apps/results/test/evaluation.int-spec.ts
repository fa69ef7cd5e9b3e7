import { RackEvaluationCompleted, RunVerdictRecorded } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { ResultsHarness } from './support/results.harness';

/** From test-run's events to verdicts and rack evaluations on results' topic. */
describe('verdicts and rack evaluation', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('G7');
    await sut.publishPlan('G7');
    await sut.publishCriteria('G8');
    await sut.publishPlan('G8');
  });
  afterAll(() => sut?.dispose());

  const log = async (runId: string, measurements: object[]) => {
    const tess = await sut.as('tess');
    const response = await tess.post(`/v1/runs/${runId}/measurements`).send({ measurements });
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response;
  };

  it('judges a completed run per criterion by the criteria in force when it started, and emits the verdict', async () => {
    const run = await sut.startRun(sut.fact('RK-PASS-1', 'G8', 'burn-in'));
    // A stricter version published after the start must not apply to this run.
    await sut.publishCriteria('G8', [{ metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 10, required: true, category: 'power' }]);
    await log(run.runId, [
      { metric: 'rack.power', value: 98_000, unit: 'W' },
      { metric: 'rack.power', value: 104.5, unit: 'kW' },
      { metric: 'training.tokens_per_s', value: 1200, unit: 'tokens/s' },
      { metric: 'training.tokens_per_s', value: 1000, unit: 'tokens/s' },
    ]);
    await sut.completeRun(run);

    const verdict = await sut.verdictOf(run.runId);
    expect(verdict).toMatchObject({ runId: run.runId, rackSerial: 'RK-PASS-1', criteriaVersion: 1, verdict: 'PASS', revision: 1 });
    expect(verdict.criteria).toEqual([
      expect.objectContaining({ metric: 'training.tokens_per_s', aggregation: 'mean', measured: 1100, samples: 2, result: 'PASS' }),
      expect.objectContaining({ metric: 'rack.power', unit: 'kW', aggregation: 'max', measured: 104.5, samples: 2, result: 'PASS' }),
    ]);
    const events = await waitFor('the verdict event', async () => {
      const found = (await sut.eventsOfType(RunVerdictRecorded.type)).filter((e) => e.data.runId === run.runId);
      return found.length ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0].key).toBe('RK-PASS-1');
    expect(events[0].data).toMatchObject({ verdict: 'PASS', criteriaVersion: 1, suite: 'burn-in', attempt: 1 });
  });

  it('passes the rack once every required suite has a passing run, with the finance summary, exactly once', async () => {
    const burnIn = await sut.startRun(sut.fact('RK-PASS-2', 'G7', 'burn-in'));
    await log(burnIn.runId, [
      { metric: 'rack.power', value: 100, unit: 'kW' },
      { metric: 'training.tokens_per_s', value: 1500, unit: 'tokens/s' },
    ]);
    await sut.completeRun(burnIn);
    await sut.verdictOf(burnIn.runId);

    const viewer = await sut.as('vic');
    const pending = await viewer.get('/v1/racks/RK-PASS-2/evaluation').expect(200);
    expect(pending.body.outcome).toBe('PENDING');
    expect(pending.body.suites.map((s: { status: string }) => s.status)).toEqual(['PASSED', 'NOT_STARTED', 'NOT_STARTED']);

    const soak = await sut.startRun(sut.fact('RK-PASS-2', 'G7', 'thermal-soak'));
    await log(
      soak.runId,
      [20, 22, 25, 24].map((value) => ({ metric: 'coolant.inlet_temp', value, unit: 'C' })),
    );
    const completed = await sut.completeRun(soak);
    // A duplicate delivery of the completion must not judge the run or conclude the rack twice.
    await sut.redeliver(completed);

    const evaluation = await waitFor('the rack evaluation', async () => {
      const response = await viewer.get('/v1/racks/RK-PASS-2/evaluation');
      return response.body.concludedAt ? response.body : undefined;
    });
    expect(evaluation).toMatchObject({
      outcome: 'PASSED',
      criteriaMet: 3,
      criteriaTotal: 3,
      failedSuites: [],
      performance: { metric: 'training.tokens_per_s', unit: 'tokens/s', measured: 1500, target: 1000 },
      power: { metric: 'rack.power', unit: 'kW', measured: 100, target: 120 },
      performancePerWatt: { unit: 'tokens/s/W', measured: 0.015, suite: 'burn-in' },
      performanceRunPower: { metric: 'rack.power', unit: 'kW', measured: 100, target: 120, suite: 'burn-in' },
    });
    expect(evaluation.performancePerWatt.target).toBeCloseTo(1000 / 120_000);
    const events = await waitFor('the evaluation event', async () => {
      const found = (await sut.eventsOfType(RackEvaluationCompleted.type)).filter((e) => e.key === 'RK-PASS-2');
      return found.length ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      outcome: 'PASSED',
      criteriaMet: 3,
      criteriaTotal: 3,
      generation: 'G7',
      performanceRunPower: { unit: 'kW', measured: 100, suite: 'burn-in' },
    });

    // Late samples that change the outcome re-open the evaluation (cause CORRECTION) and conclude it again; the PASSED verdict stays as revision 1.
    const tess = await sut.as('tess');
    const late = await tess
      .post(`/v1/runs/${soak.runId}/measurements`)
      .send({ measurements: [{ metric: 'coolant.inlet_temp', value: 50, unit: 'C' }] });
    expect(late.status).toBe(201);
    expect(late.body.rejudged).toBe(true);
    const revised = (await viewer.get('/v1/racks/RK-PASS-2/evaluation').expect(200)).body;
    expect(revised).toMatchObject({ outcome: 'FAILED', status: 'CONCLUDED', revision: 2, failedSuites: ['thermal-soak'] });
    expect(revised.verdicts.map((v: { revision: number; outcome: string }) => [v.revision, v.outcome])).toEqual([
      [2, 'FAILED'],
      [1, 'PASSED'],
    ]);
    expect(revised.reopenings[0]).toMatchObject({ revision: 1, cause: 'CORRECTION', extraAttempts: 0 });
  });

  it('re-judges a completed run when a batch arrives within the grace period', async () => {
    const run = await sut.startRun(sut.fact('RK-LATE-1', 'G7', 'burn-in'));
    await log(run.runId, [
      { metric: 'rack.power', value: 100, unit: 'kW' },
      { metric: 'training.tokens_per_s', value: 900, unit: 'tokens/s' },
    ]);
    await sut.completeRun(run);
    expect((await sut.verdictOf(run.runId)).verdict).toBe('FAIL');

    const late = await log(run.runId, [{ metric: 'training.tokens_per_s', value: 1500, unit: 'tokens/s' }]);
    expect(late.body.rejudged).toBe(true);
    const viewer = await sut.as('vic');
    const verdict = (await viewer.get(`/v1/runs/${run.runId}/verdict`).expect(200)).body;
    expect(verdict).toMatchObject({ verdict: 'PASS', revision: 2 });
    const events = await waitFor('both verdict revisions', async () => {
      const found = (await sut.eventsOfType(RunVerdictRecorded.type)).filter((e) => e.data.runId === run.runId);
      return found.length === 2 ? found : undefined;
    });
    expect(events.map((e) => [e.data.revision, e.data.verdict])).toEqual([
      [1, 'FAIL'],
      [2, 'PASS'],
    ]);
  });

  it('fails a required metric without samples as missing, and fails the rack when the suite runs out of attempts', async () => {
    const first = await sut.startRun(sut.fact('RK-FAIL-1', 'G7', 'burn-in', 1));
    await sut.abortRun(first);
    const second = await sut.startRun(sut.fact('RK-FAIL-1', 'G7', 'burn-in', 2));
    await log(second.runId, [{ metric: 'rack.power', value: 90, unit: 'kW' }]);
    await sut.completeRun(second);

    const verdict = await sut.verdictOf(second.runId);
    expect(verdict.verdict).toBe('FAIL');
    expect(verdict.criteria.find((c: { metric: string }) => c.metric === 'training.tokens_per_s')).toMatchObject({
      result: 'FAIL',
      reason: 'missing',
      samples: 0,
    });
    const viewer = await sut.as('vic');
    const evaluation = await waitFor('the failed evaluation', async () => {
      const response = await viewer.get('/v1/racks/RK-FAIL-1/evaluation');
      return response.body.concludedAt ? response.body : undefined;
    });
    expect(evaluation).toMatchObject({ outcome: 'FAILED', failedSuites: ['burn-in'] });
    const events = await waitFor('the failed evaluation event', async () => {
      const found = (await sut.eventsOfType(RackEvaluationCompleted.type)).filter((e) => e.key === 'RK-FAIL-1');
      return found.length ? found : undefined;
    });
    expect(events.map((e) => e.data.outcome)).toEqual(['FAILED']);
  });

  it('answers 404 for a rack or run it knows nothing about', async () => {
    const viewer = await sut.as('vic');
    await viewer.get('/v1/racks/RK-NOBODY/evaluation').expect(404);
    const response = await viewer.get('/v1/runs/7d3c4a0e-5d7a-4a55-9f0e-3f1f3b0f2a11/verdict').expect(404);
    expect(response.body.code).toBe('NO_VERDICT');
  });
});
