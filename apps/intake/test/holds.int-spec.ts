import {
  OptionDeclined,
  OptionEndedV1,
  OptionStateChanged,
  OptionStateChangedV1,
  RackEvaluationCompleted,
  RackHeld,
  RackHoldReleased,
  RackWithdrawn,
  RunStarted,
  Topics,
} from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { checks, IntakeHarness } from './intake.fixture';
import { optionFact, releasedRacks, runStarted, verdict } from './support/racks';

describe('intake: hold, release, withdraw, and returns only once the option is out of reach', () => {
  let sut: IntakeHarness;
  const serials = ['RK-H-01', 'RK-H-02', 'RK-H-03', 'RK-H-04', 'RK-H-05', 'RK-H-06'];

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1');
    await releasedRacks(sut, 'DEL-H', serials);
  });
  afterAll(() => sut?.dispose());

  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;
  const types = async (serial: string) => (await sut.eventsAbout(Topics.intakeRacks, serial)).map((event) => event.type);
  const optionState = (serial: string, from: OptionStateChangedV1['from'], to: OptionStateChangedV1['to']): OptionStateChangedV1 => ({
    ...optionFact(serial),
    from,
    to,
    reason: 'as decided',
  });
  const consumed = async (...ids: string[]) => waitFor('events consumed', async () => (await sut.consumed(ids)).length === ids.length);

  it('holds a released rack with a reason, refuses a second hold, an inspection and a return, and releases it to where it was', async () => {
    const held = await sut.post('/v1/racks/RK-H-01/hold').send({ reason: 'awaiting customs paperwork' }).expect(200);
    expect(held.body).toMatchObject({
      state: 'ON_HOLD',
      hold: { heldFrom: 'RELEASED_FOR_EVALUATION', reason: 'on hold: awaiting customs paperwork', heldBy: 'ines' },
    });
    const again = await sut.post('/v1/racks/RK-H-01/hold').send({ reason: 'again' }).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('rack RK-H-01 is ON_HOLD') });
    await sut.post('/v1/racks/RK-H-01/inspections').send({ checks: checks(), outcome: 'ACCEPTED' }).expect(409);
    await sut.post('/v1/racks/RK-H-01/return').send({ reason: 'no' }).expect(409);

    const released = await sut.post('/v1/racks/RK-H-01/release-hold', 'ada').send({}).expect(200);
    expect(released.body).toMatchObject({ state: 'RELEASED_FOR_EVALUATION', hold: null });
    expect(released.body.history.slice(-2)).toEqual([
      expect.objectContaining({
        from: 'RELEASED_FOR_EVALUATION',
        to: 'ON_HOLD',
        actor: 'ines',
        reason: 'on hold: awaiting customs paperwork',
      }),
      expect.objectContaining({ from: 'ON_HOLD', to: 'RELEASED_FOR_EVALUATION', actor: 'ada', reason: 'hold released: hold released' }),
    ]);
    await waitFor('hold events on the topic', async () => {
      const seen = await types('RK-H-01');
      return seen.includes(RackHeld.type) && seen.includes(RackHoldReleased.type);
    });
    const events = await sut.eventsAbout(Topics.intakeRacks, 'RK-H-01');
    expect(events.find((event) => event.type === RackHeld.type)?.data).toMatchObject({
      heldFrom: 'RELEASED_FOR_EVALUATION',
      reason: 'awaiting customs paperwork',
      actor: 'ines',
    });
    expect(events.find((event) => event.type === RackHoldReleased.type)?.data).toMatchObject({
      releasedTo: 'RELEASED_FOR_EVALUATION',
      actor: 'ada',
    });
  });

  it('refuses a hold without a reason (400), by a test engineer (403), after the verdict (409), and writes nothing', async () => {
    expect((await sut.post('/v1/racks/RK-H-02/hold').send({}).expect(400)).body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    );
    await sut.post('/v1/racks/RK-H-02/hold', 'tariq').send({ reason: 'x' }).expect(403);
    await sut.produce(RunStarted, runStarted('RK-H-02'));
    await sut.produce(RackEvaluationCompleted, verdict('RK-H-02', 'PASSED'));
    await waitFor('RK-H-02 passed', async () => (await rack('RK-H-02')).state === 'EVALUATION_PASSED');
    const late = await sut.post('/v1/racks/RK-H-02/hold').send({ reason: 'too late' }).expect(409);
    expect(late.body.message).toContain('putting on hold is allowed only before the evaluation verdict');
    expect((await rack('RK-H-02')).state).toBe('EVALUATION_PASSED');
  });

  it('keeps a verdict reached while the rack was held: the release returns it to the verdict', async () => {
    await sut.produce(RunStarted, runStarted('RK-H-03'));
    await waitFor('RK-H-03 in evaluation', async () => (await rack('RK-H-03')).state === 'IN_EVALUATION');
    await sut.post('/v1/racks/RK-H-03/hold').send({ reason: 'cable tray inspection' }).expect(200);
    const id = await sut.produce(RackEvaluationCompleted, verdict('RK-H-03', 'FAILED'));
    await consumed(id);
    const held = await rack('RK-H-03');
    expect(held).toMatchObject({ state: 'ON_HOLD', hold: { heldFrom: 'EVALUATION_FAILED' } });
    expect(held.history.at(-1)).toMatchObject({
      from: 'ON_HOLD',
      to: 'ON_HOLD',
      causeEventId: id,
      reason: expect.stringContaining('IN_EVALUATION → EVALUATION_FAILED'),
    });
    const released = await sut.post('/v1/racks/RK-H-03/release-hold').send({ reason: 'tray fine' }).expect(200);
    expect(released.body.state).toBe('EVALUATION_FAILED');
  });

  it('refuses to return a failed rack while its option can be exercised with a waiver; allows it once declined', async () => {
    await sut.produce(RunStarted, runStarted('RK-H-04'));
    await sut.produce(RackEvaluationCompleted, verdict('RK-H-04', 'FAILED'));
    await waitFor('RK-H-04 failed', async () => (await rack('RK-H-04')).state === 'EVALUATION_FAILED');
    await consumed(await sut.produce(OptionStateChanged, optionState('RK-H-04', 'PENDING_EVALUATION', 'NOT_EXERCISABLE')));
    const before = await rack('RK-H-04');
    const refused = await sut.post('/v1/racks/RK-H-04/return').send({ reason: 'failed' }).expect(409);
    expect(refused.body).toMatchObject({
      code: 'OPTION_STILL_EXERCISABLE',
      message: expect.stringContaining('its purchase option is NOT_EXERCISABLE: finance can still buy it (with a waiver)'),
      details: [{ field: 'option.state', message: 'option is NOT_EXERCISABLE' }],
    });
    expect(await rack('RK-H-04')).toMatchObject({ state: 'EVALUATION_FAILED', version: before.version, optionState: 'NOT_EXERCISABLE' });

    await sut.produce(OptionStateChanged, optionState('RK-H-04', 'NOT_EXERCISABLE', 'DECLINED'));
    await sut.produce(OptionDeclined, { ...optionFact('RK-H-04'), rationale: 'failed', from: 'NOT_EXERCISABLE' } as OptionEndedV1);
    await waitFor('RK-H-04 awaiting return', async () => (await rack('RK-H-04')).state === 'AWAITING_RETURN');
    await sut.post('/v1/racks/RK-H-04/return').send({ reason: 'declined' }).expect(200);
  });

  it('sends a rack back when its option is declined before any verdict', async () => {
    await sut.produce(OptionStateChanged, optionState('RK-H-05', 'PENDING_EVALUATION', 'DECLINED'));
    const id = await sut.produce(OptionDeclined, {
      ...optionFact('RK-H-05'),
      rationale: 'capacity bought',
      from: 'PENDING_EVALUATION',
    } as OptionEndedV1);
    await consumed(id);
    const back = await rack('RK-H-05');
    expect(back).toMatchObject({ state: 'AWAITING_RETURN', optionState: 'DECLINED' });
    expect(back.history.at(-1)).toMatchObject({
      from: 'RELEASED_FOR_EVALUATION',
      to: 'AWAITING_RETURN',
      reason: expect.stringContaining('option declined before its verdict by fiona'),
    });
    // A verdict arriving later is ignored (the rack is past it), never dead-lettered.
    const late = await sut.produce(RackEvaluationCompleted, verdict('RK-H-05', 'PASSED'));
    await consumed(late);
    expect((await rack('RK-H-05')).state).toBe('AWAITING_RETURN');
  });

  it('withdraws a held rack with a reason; it awaits return and can be returned at once', async () => {
    await sut.post('/v1/racks/RK-H-06/hold', 'ada').send({ reason: 'dropped by the forklift' }).expect(200);
    await sut.post('/v1/racks/RK-H-06/withdraw').send({ reason: ' ' }).expect(400);
    const withdrawn = await sut.post('/v1/racks/RK-H-06/withdraw').send({ reason: 'chassis bent' }).expect(200);
    expect(withdrawn.body).toMatchObject({ state: 'AWAITING_RETURN', hold: null, withdrawnAt: expect.any(String) });
    await waitFor('withdrawn on the topic', async () => (await types('RK-H-06')).includes(RackWithdrawn.type));
    const event = (await sut.eventsAbout(Topics.intakeRacks, 'RK-H-06')).find((candidate) => candidate.type === RackWithdrawn.type);
    expect(event?.data).toMatchObject({ withdrawnFrom: 'ON_HOLD', reason: 'chassis bent', actor: 'ines' });
    await sut.post('/v1/racks/RK-H-06/return').send({ reason: 'withdrawn' }).expect(200);
    await sut.post('/v1/racks/RK-H-06/withdraw').send({ reason: 'again' }).expect(409);
  });
});
