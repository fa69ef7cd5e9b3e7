import { OptionStateChanged, RackEvaluationCompleted, RackEvaluationReopened, RunFactV1, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { ResultsHarness } from './support/results.harness';

/** Re-opening a concluded evaluation, and corrections until the option ends, through HTTP and the broker. */
describe('re-opened evaluations and corrections', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('G9');
    await sut.publishPlan('G9');
  });
  afterAll(() => sut?.dispose());

  const log = async (runId: string, measurements: object[]) => {
    const response = await (await sut.as('tess')).post(`/v1/runs/${runId}/measurements`).send({ measurements });
    expect(response.status).toBe(201);
  };
  const burnIn = (power: number) => [
    { metric: 'rack.power', value: power, unit: 'kW' },
    { metric: 'training.tokens_per_s', value: 1500, unit: 'tokens/s' },
  ];
  const runSuite = async (fact: RunFactV1, measurements: object[]) => {
    await sut.startRun(fact);
    await log(fact.runId, measurements);
    await sut.completeRun(fact);
    await sut.verdictOf(fact.runId);
    return fact;
  };
  const evaluation = async (serial: string) => (await (await sut.as('vic')).get(`/v1/racks/${serial}/evaluation`).expect(200)).body;
  const concluded = (serial: string, revision: number) =>
    waitFor(`${serial} revision ${revision}`, async () => {
      const body = await evaluation(serial);
      return body.status === 'CONCLUDED' && body.revision === revision ? body : undefined;
    });
  const optionState = (serial: string, to: string) =>
    sut.emitFrom('rackeval/purchase-option', Topics.purchaseOptions, OptionStateChanged, {
      rackSerial: serial,
      generation: 'G9',
      termsVersion: 1,
      unitPrice: '100.00',
      currency: 'USD',
      occurredAt: new Date().toISOString(),
      actor: 'fiona',
      from: 'EXERCISABLE',
      to: to as 'EXERCISED',
      reason: 'test',
    });

  // Waits for results to have applied the option's end (a read of its own model), so the request that
  // follows is sent once: asking until refused would re-open the evaluation if sent before the event lands.
  const optionEndKnown = (serial: string, state: string) =>
    waitFor(`${serial} option ${state} known to results`, async () => {
      const [row] = await sut.sql(`SELECT option_state FROM rack_standing WHERE rack_serial = $1`, [serial]);
      return row?.option_state === state;
    });

  it('re-opens a FAILED evaluation with extra attempts, keeps the verdict as a revision and concludes again', async () => {
    const serial = 'RK-RO-1';
    await runSuite(sut.fact(serial, 'G9', 'burn-in', 1), burnIn(150));
    await runSuite(sut.fact(serial, 'G9', 'burn-in', 2), burnIn(150));
    await runSuite(sut.fact(serial, 'G9', 'thermal-soak', 1), [{ metric: 'coolant.inlet_temp', value: 25, unit: 'C' }]);
    expect(await concluded(serial, 1)).toMatchObject({ outcome: 'FAILED', failedSuites: ['burn-in'] });

    await (
      await sut.as('tess')
    )
      .post(`/v1/racks/${serial}/evaluation/reopen`)
      .send({ reason: 'bay PDU mis-wired', extraAttempts: 1 })
      .expect(403);
    const admin = await sut.as('ada');
    const missing = await admin.post(`/v1/racks/${serial}/evaluation/reopen`).send({ extraAttempts: 1 }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('reason');
    const reopened = await admin
      .post(`/v1/racks/${serial}/evaluation/reopen`)
      .send({ reason: 'bay PDU mis-wired', extraAttempts: 1 })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'REOPENED', revision: 1, outcome: 'PENDING' });
    expect(reopened.body.suites[0]).toMatchObject({ suite: 'burn-in', status: 'NOT_STARTED', maxAttempts: 3 });
    expect(reopened.body.reopenings[0]).toMatchObject({
      cause: 'ADMIN',
      actor: 'ada',
      extraAttempts: 1,
      suites: [{ suite: 'burn-in', fromAttempt: 3, attemptLimit: 3 }],
    });
    const again = await admin.post(`/v1/racks/${serial}/evaluation/reopen`).send({ reason: 'twice', extraAttempts: 1 }).expect(409);
    expect(again.body.code).toBe('EVALUATION_NOT_CONCLUDED');

    const event = await waitFor('the re-open event', async () =>
      (await sut.eventsOfType(RackEvaluationReopened.type)).find((e) => e.key === serial),
    );
    expect(event.data).toMatchObject({ revision: 1, previousOutcome: 'FAILED', cause: 'ADMIN', extraAttempts: 1, actor: 'ada' });

    await runSuite(sut.fact(serial, 'G9', 'burn-in', 3), burnIn(100));
    const second = await concluded(serial, 2);
    expect(second).toMatchObject({ outcome: 'PASSED', failedSuites: [] });
    expect(second.verdicts.map((v: { revision: number; outcome: string }) => [v.revision, v.outcome])).toEqual([
      [2, 'PASSED'],
      [1, 'FAILED'],
    ]);
    const completions = await waitFor('both conclusions', async () => {
      const found = (await sut.eventsOfType(RackEvaluationCompleted.type)).filter((e) => e.key === serial);
      return found.length === 2 ? found : undefined;
    });
    expect(completions.map((e) => [e.data.revision, e.data.outcome])).toEqual([
      [1, 'FAILED'],
      [2, 'PASSED'],
    ]);
  });

  it('refuses a re-open once the option has ended (409 naming the state), and a suite not in the plan (422)', async () => {
    const serial = 'RK-RO-2';
    await runSuite(sut.fact(serial, 'G9', 'burn-in', 1), burnIn(100));
    await runSuite(sut.fact(serial, 'G9', 'thermal-soak', 1), [{ metric: 'coolant.inlet_temp', value: 25, unit: 'C' }]);
    await concluded(serial, 1);
    const admin = await sut.as('ada');
    const unknown = await admin
      .post(`/v1/racks/${serial}/evaluation/reopen`)
      .send({ reason: 'check', extraAttempts: 1, suites: ['soak'] })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_SUITE' });

    await optionState(serial, 'EXERCISED');
    await optionEndKnown(serial, 'EXERCISED');
    const refused = await admin.post(`/v1/racks/${serial}/evaluation/reopen`).send({ reason: 'check', extraAttempts: 1 }).expect(409);
    expect(refused.body.code).toBe('EVALUATION_CLOSED');
    expect(refused.body.message).toContain('EXERCISED');
    expect((await evaluation(serial)).reopenings).toEqual([]);
  });

  it('takes a correction long after completion, re-judges with the earlier verdict kept, and refuses it once the option ended', async () => {
    const serial = 'RK-RO-3';
    const burn = await runSuite(sut.fact(serial, 'G9', 'burn-in', 1), burnIn(100));
    await runSuite(sut.fact(serial, 'G9', 'thermal-soak', 1), [{ metric: 'coolant.inlet_temp', value: 25, unit: 'C' }]);
    await concluded(serial, 1);
    // Past the grace period a batch is refused; a correction is not.
    await sut.sql(`UPDATE run SET ended_at = now() - interval '30 days' WHERE run_id = $1`, [burn.runId]);
    const tess = await sut.as('tess');
    const batch = await tess
      .post(`/v1/runs/${burn.runId}/measurements`)
      .send({ measurements: [{ metric: 'rack.power', value: 100, unit: 'kW' }] });
    expect(batch.status).toBe(409);
    const correction = await tess
      .post(`/v1/runs/${burn.runId}/measurements/corrections`)
      .send({ metric: 'rack.power', reason: 'PDU read 30 % low', measurements: [{ metric: 'rack.power', value: 130, unit: 'kW' }] });
    expect(correction.status).toBe(201);

    const verdict = (await (await sut.as('vic')).get(`/v1/runs/${burn.runId}/verdict`).expect(200)).body;
    expect(verdict).toMatchObject({ verdict: 'FAIL', revision: 2 });
    expect(verdict.revisions).toEqual([expect.objectContaining({ revision: 1, verdict: 'PASS' })]);
    // Burn-in now failed its first of two attempts: the evaluation is re-opened (not concluded) and the rack may run again.
    const revised = await evaluation(serial);
    expect(revised).toMatchObject({ status: 'REOPENED', outcome: 'PENDING', revision: 1 });
    expect(revised.verdicts).toEqual([expect.objectContaining({ revision: 1, outcome: 'PASSED' })]);
    expect(revised.reopenings[0]).toMatchObject({ cause: 'CORRECTION', reason: 'correction: PDU read 30 % low', extraAttempts: 0 });

    await optionState(serial, 'DECLINED');
    await optionEndKnown(serial, 'DECLINED');
    const closed = await tess
      .post(`/v1/runs/${burn.runId}/measurements/corrections`)
      .send({ metric: 'rack.power', reason: 'again', measurements: [{ metric: 'rack.power', value: 100, unit: 'kW' }] })
      .expect(409);
    expect(closed.body).toMatchObject({ code: 'EVALUATION_CLOSED' });
    expect(closed.body.message).toContain('DECLINED');
  });
});
