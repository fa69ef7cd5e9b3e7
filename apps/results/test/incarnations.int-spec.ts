import { randomUUID } from 'node:crypto';
import { RackEvaluationCompleted, RackEvaluationReopened, RunFactV1, Topics } from '@rackeval/contracts';
import { deadLetteredTypes, groupCaughtUp, produceRmaReturn, waitFor } from '@rackeval/testing';
import { ResultsHarness } from './support/results.harness';

const GENERATION = 'G9';

/**
 * A rack back from an RMA under its serial is its next incarnation: intake's
 * rack.returned-from-rma restarts its evaluation (the earlier one kept as history) and only the
 * new incarnation's runs count, including those test-run reported before the return arrived.
 */
describe('results: evaluation of a rack returned from an RMA', () => {
  let sut: ResultsHarness;

  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria(GENERATION);
    await sut.publishPlan(GENERATION);
  });
  afterAll(() => sut?.dispose());

  const rmaOf = (serial: string, rmaNumber: string) => ({ rmaId: randomUUID(), rmaNumber, serials: [serial], findingIds: [] });

  /** A run of the incarnation, measured and completed; resolves once results has judged it. */
  const runWith = async (fact: RunFactV1, measurements: object[]) => {
    await sut.startRun(fact);
    const tess = await sut.as('tess');
    await tess.post(`/v1/runs/${fact.runId}/measurements`).send({ measurements }).expect(201);
    await sut.completeRun(fact);
    return sut.verdictOf(fact.runId);
  };
  const passBurnIn = (serial: string, incarnation: number) =>
    runWith({ ...sut.fact(serial, GENERATION, 'burn-in'), incarnation }, [
      { metric: 'rack.power', value: 100, unit: 'kW' },
      { metric: 'training.tokens_per_s', value: 1500, unit: 'tokens/s' },
    ]);
  const soak = (serial: string, incarnation: number, temperature: number) =>
    runWith(
      { ...sut.fact(serial, GENERATION, 'thermal-soak'), incarnation },
      [temperature, temperature + 1].map((value) => ({ metric: 'coolant.inlet_temp', value, unit: 'C' })),
    );

  const evaluationOf = async (serial: string) => (await (await sut.as('vic')).get(`/v1/racks/${serial}/evaluation`).expect(200)).body;
  const evaluationWhere = (serial: string, what: string, test: (body: Record<string, unknown>) => boolean) =>
    waitFor(`${serial}: ${what}`, async () => {
      const body = await evaluationOf(serial);
      return test(body) ? body : undefined;
    });
  const completions = async (serial: string) => (await sut.eventsOfType(RackEvaluationCompleted.type)).filter((e) => e.key === serial);
  const intakeRead = () =>
    waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));

  /** Incarnation 1 fails its thermal soak (one attempt): the evaluation is FAILED. */
  const failedFirst = async (serial: string) => {
    await soak(serial, 1, 50);
    return evaluationWhere(serial, 'FAILED in incarnation 1', (body) => body.outcome === 'FAILED');
  };

  it('starts a fresh evaluation for the returned incarnation, keeps the FAILED one as history, and passes it on the new runs', async () => {
    const serial = 'RK-INC-A';
    expect(await failedFirst(serial)).toMatchObject({ incarnation: 1, status: 'CONCLUDED', revision: 1 });
    const rma = rmaOf(serial, 'RMA-2026-7101');

    const returned = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });

    const fresh = await evaluationWhere(serial, 'incarnation 2', (body) => body.incarnation === 2);
    expect(fresh).toMatchObject({ incarnation: 2, outcome: 'PENDING', status: 'PENDING', failedSuites: [] });
    expect(fresh.revision).toBeUndefined();
    expect(fresh.concludedAt).toBeUndefined();
    expect((fresh.suites as Array<{ status: string }>).map((s) => s.status)).toEqual(['NOT_STARTED', 'NOT_STARTED', 'NOT_STARTED']);
    expect(fresh.verdicts).toEqual([
      expect.objectContaining({ incarnation: 1, revision: 1, outcome: 'FAILED', failedSuites: ['thermal-soak'] }),
    ]);
    expect(fresh.restarts).toEqual([
      expect.objectContaining({
        incarnation: 2,
        previousIncarnation: 1,
        previousStatus: 'CONCLUDED',
        previousOutcome: 'FAILED',
        previousRevision: 1,
        rmaId: rma.rmaId,
        rmaNumber: 'RMA-2026-7101',
        kind: 'REPAIRED',
        reason: 'returned from RMA RMA-2026-7101 as incarnation 2 (repaired)',
        actor: 'ines',
      }),
    ]);

    // The same return again (another event for incarnation 2) changes nothing.
    await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    await intakeRead();
    expect(await evaluationOf(serial)).toEqual(fresh);
    expect(
      await deadLetteredTypes(
        'results',
        returned.map((event) => event.id),
      ),
    ).toEqual([]);

    await passBurnIn(serial, 2);
    await soak(serial, 2, 24);
    const passed = await evaluationWhere(serial, 'PASSED in incarnation 2', (body) => body.outcome === 'PASSED');
    expect(passed).toMatchObject({ incarnation: 2, status: 'CONCLUDED', revision: 1, criteriaMet: 3, criteriaTotal: 3 });
    expect(
      (passed.verdicts as Array<{ incarnation: number; revision: number; outcome: string }>).map((v) => [
        v.incarnation,
        v.revision,
        v.outcome,
      ]),
    ).toEqual([
      [2, 1, 'PASSED'],
      [1, 1, 'FAILED'],
    ]);
    const events = await waitFor('both verdicts on the topic', async () =>
      (await completions(serial)).length === 2 ? completions(serial) : undefined,
    );
    expect(events.map((e) => [e.data.incarnation, e.data.revision, e.data.outcome])).toEqual([
      [1, 1, 'FAILED'],
      [2, 1, 'PASSED'],
    ]);
  });

  it('keeps the runs of the next incarnation that arrive before the return, and counts them once it arrives', async () => {
    const serial = 'RK-INC-B';
    await failedFirst(serial);

    await passBurnIn(serial, 2);
    await soak(serial, 2, 24);
    // Judged, but not counted while the evaluation is of incarnation 1.
    await waitFor(`${serial} verdicts for incarnation 2 recorded`, async () => {
      const [row] = await sut.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM verdict v JOIN run r ON r.run_id = v.run_id WHERE r.rack_serial = $1 AND r.incarnation = 2`,
        [serial],
      );
      return row.n === 2;
    });
    expect(await evaluationOf(serial)).toMatchObject({ incarnation: 1, outcome: 'FAILED', status: 'CONCLUDED', revision: 1 });
    expect(await completions(serial)).toHaveLength(1);

    await produceRmaReturn(serial, rmaOf(serial, 'RMA-2026-7102'), { generation: GENERATION, incarnation: 2 });

    const passed = await evaluationWhere(serial, 'PASSED in incarnation 2', (body) => body.outcome === 'PASSED');
    expect(passed).toMatchObject({ incarnation: 2, status: 'CONCLUDED', revision: 1, failedSuites: [] });
    expect(passed.restarts).toEqual([expect.objectContaining({ incarnation: 2, previousOutcome: 'FAILED', rmaNumber: 'RMA-2026-7102' })]);
    const events = await waitFor('both verdicts on the topic', async () =>
      (await completions(serial)).length === 2 ? completions(serial) : undefined,
    );
    expect(events[1].data).toMatchObject({ outcome: 'PASSED', incarnation: 2, revision: 1 });

    // A re-open of the new incarnation's verdict says so, and counts that incarnation's attempts only.
    const admin = await sut.as('ada');
    const reopened = await admin
      .post(`/v1/racks/${serial}/evaluation/reopen`)
      .send({ reason: 'coolant probe replaced', extraAttempts: 1, suites: ['thermal-soak'] })
      .expect(200);
    expect(reopened.body).toMatchObject({ incarnation: 2, status: 'REOPENED', revision: 1 });
    expect(reopened.body.reopenings).toEqual([
      expect.objectContaining({ incarnation: 2, revision: 1, suites: [{ suite: 'thermal-soak', fromAttempt: 2, attemptLimit: 2 }] }),
    ]);
    const event = await waitFor('the re-open event', async () =>
      (await sut.eventsOfType(RackEvaluationReopened.type)).find((e) => e.key === serial),
    );
    expect(event.data).toMatchObject({ incarnation: 2, revision: 1, previousOutcome: 'PASSED' });
  });
});
