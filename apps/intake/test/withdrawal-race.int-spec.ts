import {
  deadLetterTopic,
  OptionEndedV1,
  OptionExercised,
  OptionStateChanged,
  RackEvaluationCompleted,
  RackEvaluationReopened,
  RunStarted,
} from '@rackeval/contracts';
import { readTopic, testKafka, waitFor } from '@rackeval/testing';
import { IntakeHarness } from './intake.fixture';
import { optionFact, releasedRacks, runStarted, verdict } from './support/racks';

/**
 * Finance's exercise crossing intake's withdrawal, a hold or a re-opened evaluation. purchase-option
 * applies whichever reaches the option first and keeps an exercise it applied first (a bought rack is
 * not withdrawn; purchase-option: options/option.state-machine.ts); intake follows it. Nothing here
 * may be dead-lettered.
 */
describe('intake: an exercise that crossed a withdrawal, a hold or a re-open', () => {
  let sut: IntakeHarness;
  const serials = ['RK-XW-01', 'RK-XW-02', 'RK-XW-03', 'RK-XH-01', 'RK-XR-01'];

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1');
    await releasedRacks(sut, 'DEL-X', serials);
  });
  afterAll(() => sut?.dispose());

  const now = () => new Date().toISOString();
  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;
  const stateIs = (serial: string, state: string) => waitFor(`${serial} ${state}`, async () => (await rack(serial)).state === state);
  const consumed = (...ids: string[]) => waitFor('events consumed', async () => (await sut.consumed(ids)).length === ids.length);
  const exercised = (serial: string): OptionEndedV1 => ({ ...optionFact(serial), from: 'EXERCISABLE', rationale: 'meets every target' });
  async function passed(serial: string) {
    await sut.produce(RunStarted, runStarted(serial));
    await stateIs(serial, 'IN_EVALUATION');
    await verdictPassed(serial);
  }
  const verdictPassed = (serial: string, revision = 1) => sut.produce(RackEvaluationCompleted, verdict(serial, 'PASSED', { revision }));
  async function deadLetters(ids: string[]) {
    const admin = testKafka().admin();
    await admin.connect();
    const topics = await admin.listTopics().finally(() => admin.disconnect());
    if (!topics.includes(deadLetterTopic('intake'))) return [];
    return (await readTopic(deadLetterTopic('intake'), { timeoutMs: 5_000 })).filter((message) => ids.includes(message.headers.ce_id));
  }

  it('withdrawn while the exercise was on its way: the exercise stands, the rack is PURCHASED and its history says why', async () => {
    await passed('RK-XW-01');
    await stateIs('RK-XW-01', 'EVALUATION_PASSED');
    await sut.post('/v1/racks/RK-XW-01/withdraw').send({ reason: 'chassis bent in bay 2' }).expect(200);
    const exercise = await sut.produce(OptionExercised, exercised('RK-XW-01'));
    await consumed(exercise);

    const bought = await rack('RK-XW-01');
    expect(bought.state).toBe('PURCHASED');
    expect(bought.history.slice(-2)).toEqual([
      expect.objectContaining({
        from: 'EVALUATION_PASSED',
        to: 'AWAITING_RETURN',
        actor: 'ines',
        reason: 'withdrawn: chassis bent in bay 2',
      }),
      expect.objectContaining({
        from: 'AWAITING_RETURN',
        to: 'PURCHASED',
        actor: 'fiona',
        causeEventId: exercise,
        reason:
          'option exercised by fiona: meets every target (the exercise reached the option before the withdrawal did; the exercise stands)',
      }),
    ]);
    // Bought: neither withdrawn again nor returned.
    await sut.post('/v1/racks/RK-XW-01/withdraw').send({ reason: 'again' }).expect(409);
    await sut.post('/v1/racks/RK-XW-01/return').send({ reason: 'collected' }).expect(409);
    expect(await deadLetters([exercise])).toEqual([]);
  });

  it('the exercise known first: the withdrawal is refused with a 409 naming the decision', async () => {
    await passed('RK-XW-02');
    await stateIs('RK-XW-02', 'EVALUATION_PASSED');
    const known = await sut.produce(OptionStateChanged, {
      ...exercised('RK-XW-02'),
      from: 'EXERCISABLE',
      to: 'EXERCISED',
      reason: 'meets every target',
    });
    await consumed(known);
    const refused = await sut.post('/v1/racks/RK-XW-02/withdraw').send({ reason: 'chassis bent in bay 2' }).expect(409);
    expect(refused.body).toMatchObject({
      code: 'OPTION_DECISION_TAKEN',
      message: 'rack RK-XW-02 cannot be withdrawn: its purchase option is EXERCISED (finance has exercised it)',
    });
    const exercise = await sut.produce(OptionExercised, exercised('RK-XW-02'));
    await stateIs('RK-XW-02', 'PURCHASED');
    expect(await deadLetters([known, exercise])).toEqual([]);
  });

  it('withdrawn and already handed back when the crossing exercise arrives: nothing moves, nothing is dead-lettered', async () => {
    await passed('RK-XW-03');
    await stateIs('RK-XW-03', 'EVALUATION_PASSED');
    await sut.post('/v1/racks/RK-XW-03/withdraw').send({ reason: 'chassis bent in bay 2' }).expect(200);
    await sut.post('/v1/racks/RK-XW-03/return').send({ reason: 'collected by the manufacturer' }).expect(200);
    const before = await rack('RK-XW-03');
    const exercise = await sut.produce(OptionExercised, exercised('RK-XW-03'));
    await consumed(exercise);
    expect(await rack('RK-XW-03')).toMatchObject({ state: 'RETURNED', history: before.history });
    expect(await deadLetters([exercise])).toEqual([]);
  });

  it('held when the verdict and the exercise arrive: the rack stays ON_HOLD and its release leads to PURCHASED', async () => {
    await sut.produce(RunStarted, runStarted('RK-XH-01'));
    await stateIs('RK-XH-01', 'IN_EVALUATION');
    await sut.post('/v1/racks/RK-XH-01/hold').send({ reason: 'coolant leak under review' }).expect(200);
    const ids = [await verdictPassed('RK-XH-01'), await sut.produce(OptionExercised, exercised('RK-XH-01'))];
    await consumed(...ids);
    expect(await rack('RK-XH-01')).toMatchObject({ state: 'ON_HOLD', hold: { heldFrom: 'PURCHASED' } });
    const released = await sut.post('/v1/racks/RK-XH-01/release-hold').send({ reason: 'leak test passed' }).expect(200);
    expect(released.body.state).toBe('PURCHASED');
    expect(await deadLetters(ids)).toEqual([]);
  });

  it('re-opened at results after the exercise: the rack stays PURCHASED and the later verdict is history', async () => {
    await passed('RK-XR-01');
    const exercise = await sut.produce(OptionExercised, exercised('RK-XR-01'));
    await stateIs('RK-XR-01', 'PURCHASED');
    const reopened = await sut.produce(RackEvaluationReopened, {
      rackSerial: 'RK-XR-01',
      generation: 'G1',
      revision: 1,
      previousOutcome: 'PASSED',
      cause: 'ADMIN',
      reason: 'power meter was miscalibrated',
      extraAttempts: 1,
      suites: [],
      actor: 'ada',
      occurredAt: now(),
    });
    const later = await verdictPassed('RK-XR-01', 2);
    await consumed(exercise, reopened, later);
    expect((await rack('RK-XR-01')).state).toBe('PURCHASED');
    expect(await deadLetters([exercise, reopened, later])).toEqual([]);
  });
});
