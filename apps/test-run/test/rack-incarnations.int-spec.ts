import {
  type CloudEvent,
  RackEvaluationReopened,
  type RackEvaluationReopenedV1,
  RackReturnedFromRma,
  type RackReturnedFromRmaV1,
  RmaShipped,
  type RmaShippedV1,
  RunScheduled,
  RunStarted,
  Topics,
} from '@rackeval/contracts';
import { deadLetteredTypes, groupCaughtUp, produceEvents, produceRmaReturn, produceRmaShipment, waitFor } from '@rackeval/testing';
import { TestRunHarness } from './support/test-run.harness';

const GENERATION = 'GX';
const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 2, metrics: ['gpu_temp_max'] };

/**
 * A rack that comes back from an RMA under its serial is its next incarnation
 * (intake's rack.returned-from-rma.v1): once released again, its attempts start afresh.
 */
describe('test-run: a rack returned from an RMA', () => {
  let sut: TestRunHarness;
  const schedule = (rackSerial: string, bay: string) => sut.as('engineer').post('/v1/runs', { rackSerial, suite: 'burn-in', bay });
  const act = (id: string, action: 'start' | 'complete' | 'abort', body?: object) =>
    sut.as('engineer').post(`/v1/runs/${id}/${action}`, body);

  beforeAll(async () => {
    sut = await TestRunHarness.start();
    await sut.learnGeneration(GENERATION);
    await sut.publishPlan(GENERATION, [burnIn]);
  });
  afterAll(() => sut?.dispose());

  /** The rack uses both attempts of burn-in (one completed, one DEVICE abort) in `bay`. */
  async function useUpAttempts(serial: string, bay: string): Promise<void> {
    await sut.receiveRack(serial, GENERATION);
    await sut.releaseRack(serial, GENERATION);
    const first = (await schedule(serial, bay).expect(201)).body;
    await act(first.id, 'start').expect(200);
    await act(first.id, 'complete').expect(200);
    const second = (await schedule(serial, bay).expect(201)).body;
    await act(second.id, 'start').expect(200);
    await act(second.id, 'abort', { cause: 'DEVICE', reason: 'PSU shelf 2 tripped' }).expect(200);
    const exhausted = await schedule(serial, bay).expect(422);
    expect(exhausted.body.code).toBe('ATTEMPTS_EXHAUSTED');
  }

  /** Intake ships the rack on an RMA and takes it back repaired as `incarnation`; returns the return event. */
  async function shipAndReturn(serial: string, incarnation = 2): Promise<CloudEvent<RackReturnedFromRmaV1>> {
    const shipped = await produceRmaShipment(serial, GENERATION);
    await sut.untilRackIs(serial, 'RETURNED_FOR_RMA');
    const rma = shipped.find((event) => event.type === RmaShipped.type)!.data as RmaShippedV1;
    const back = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation });
    await waitFor(`rack ${serial} known as incarnation ${incarnation}`, () =>
      sut.sql(`SELECT incarnation FROM known_rack WHERE serial = $1`, [serial]).then((rows) => rows[0]?.incarnation === incarnation),
    );
    expect(
      await deadLetteredTypes(
        'test-run',
        [...shipped, ...back].map((event) => event.id),
      ),
    ).toEqual([]);
    return back.find((event) => event.type === RackReturnedFromRma.type) as CloudEvent<RackReturnedFromRmaV1>;
  }

  /** Schedules the rack's next burn-in run in `bay` and aborts it for DEVICE (an attempt used); returns the run as scheduled. */
  async function failAttempt(serial: string, bay: string): Promise<{ id: string; incarnation: number; attempt: number }> {
    const run = (await schedule(serial, bay).expect(201)).body;
    await act(run.id, 'start').expect(200);
    await act(run.id, 'abort', { cause: 'DEVICE', reason: 'fan wall alarm' }).expect(200);
    return run;
  }

  /** Waits until test-run has read intake's topic to its end, and checks it parked none of `ids`. */
  async function readWithoutDeadLetters(ids: string[]): Promise<void> {
    await waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    expect(await deadLetteredTypes('test-run', ids)).toEqual([]);
  }

  it('accepts a run of a suite whose attempts were used up as attempt 1 of incarnation 2, and says so on its events', async () => {
    const serial = 'RK-INC-1';
    await sut.createBay('BAY-INC-1');
    await useUpAttempts(serial, 'BAY-INC-1');
    await shipAndReturn(serial);

    const received = await schedule(serial, 'BAY-INC-1').expect(422);
    expect(received.body.code).toBe('RACK_NOT_RELEASED');
    await sut.releaseRack(serial, GENERATION);
    const run = await schedule(serial, 'BAY-INC-1').expect(201);
    expect(run.body).toMatchObject({ rackSerial: serial, suite: 'burn-in', incarnation: 2, attempt: 1, maxAttempts: 2 });
    const started = await act(run.body.id, 'start').expect(200);
    expect(started.body).toMatchObject({ incarnation: 2, attempt: 1 });

    const events = (await sut.eventsFor(serial)).filter((event) => event.data.runId === run.body.id);
    expect(events.map((event) => [event.type, event.data.incarnation, event.data.attempt])).toEqual([
      [RunScheduled.type, 2, 1],
      [RunStarted.type, 2, 1],
    ]);
    // Released afresh: the new incarnation's first start is the one that moves it into evaluation at intake.
    expect(events[1].data.firstRunOfRack).toBe(true);

    const all = await sut.as('viewer').get(`/v1/runs?rack=${serial}`).expect(200);
    expect(all.body.items.map((item: { incarnation: number; attempt: number }) => [item.incarnation, item.attempt])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    const second = await sut.as('viewer').get(`/v1/runs?rack=${serial}&incarnation=2`).expect(200);
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([run.body.id]);
    const bad = await sut.as('viewer').get(`/v1/runs?rack=${serial}&incarnation=0`).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'incarnation' })]);
  });

  it('changes nothing on a redelivered or stale return from an RMA, and parks none of them', async () => {
    const serial = 'RK-INC-2';
    await sut.createBay('BAY-INC-2');
    await useUpAttempts(serial, 'BAY-INC-2');
    const second = await shipAndReturn(serial, 2);
    await sut.releaseRack(serial, GENERATION);
    expect(await failAttempt(serial, 'BAY-INC-2')).toMatchObject({ incarnation: 2, attempt: 1 });

    // The same return again under a new event id (intake published it twice): attempts of incarnation 2 go on.
    const [redelivered] = await produceEvents(RackReturnedFromRma, [second.data]);
    await readWithoutDeadLetters([redelivered.id]);
    expect(await failAttempt(serial, 'BAY-INC-2')).toMatchObject({ incarnation: 2, attempt: 2 });
    const exhausted = await schedule(serial, 'BAY-INC-2').expect(422);
    expect(exhausted.body).toMatchObject({
      code: 'ATTEMPTS_EXHAUSTED',
      message: expect.stringContaining(`rack ${serial} has used 2 of 2 attempts at suite burn-in in its incarnation 2;`),
    });

    // Back again as incarnation 3; the return of incarnation 2 arriving after it (now, and replayed late) is stale.
    await shipAndReturn(serial, 3);
    const [stale] = await produceEvents(RackReturnedFromRma, [{ ...second.data, occurredAt: new Date().toISOString() }]);
    const late = await sut.produceIntakeAt(RackReturnedFromRma, new Date(Date.now() - 60_000), second.data);
    await readWithoutDeadLetters([stale.id, late]);
    await sut.releaseRack(serial, GENERATION);
    const third = await schedule(serial, 'BAY-INC-2').expect(201);
    expect(third.body).toMatchObject({ incarnation: 3, attempt: 1, maxAttempts: 2 });
    const [rack] = await sut.sql(`SELECT state, incarnation FROM known_rack WHERE serial = $1`, [serial]);
    expect(rack).toEqual({ state: 'RELEASED_FOR_EVALUATION', incarnation: 3 });
  });

  it("keeps a re-opened evaluation's extra attempts to the incarnation it was re-opened in", async () => {
    const serial = 'RK-INC-3';
    await sut.createBay('BAY-INC-3');
    await useUpAttempts(serial, 'BAY-INC-3');
    const reopened = (incarnation: number, revision: number): RackEvaluationReopenedV1 => ({
      rackSerial: serial,
      generation: GENERATION,
      revision,
      previousOutcome: 'FAILED',
      cause: 'ADMIN',
      reason: 'the burn-in harness logged the wrong PDU',
      extraAttempts: 1,
      incarnation,
      suites: [{ suite: 'burn-in', fromAttempt: 3, attemptLimit: 3 }],
      actor: 'rhea',
      occurredAt: new Date().toISOString(),
    });
    const [first] = await produceEvents(RackEvaluationReopened, [reopened(1, 1)]);
    await waitFor(`re-open ${first.id} consumed`, () =>
      sut.sql(`SELECT 1 FROM inbox_event WHERE event_id = $1`, [first.id]).then((rows) => rows.length === 1),
    );
    await sut.changeRackState(serial, 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION', GENERATION);
    const extra = (await schedule(serial, 'BAY-INC-3').expect(201)).body;
    expect(extra).toMatchObject({ incarnation: 1, attempt: 3 });
    await act(extra.id, 'abort', { cause: 'DEVICE', reason: 'still tripping' }).expect(200);

    await shipAndReturn(serial);
    await sut.releaseRack(serial, GENERATION);
    expect(await failAttempt(serial, 'BAY-INC-3')).toMatchObject({ incarnation: 2, attempt: 1 });
    expect(await failAttempt(serial, 'BAY-INC-3')).toMatchObject({ incarnation: 2, attempt: 2 });
    const exhausted = await schedule(serial, 'BAY-INC-3').expect(422);
    expect(exhausted.body.message).toContain('used 2 of 2 attempts at suite burn-in in its incarnation 2;');
  });
});
