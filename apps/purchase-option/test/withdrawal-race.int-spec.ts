import {
  CloudEvent,
  deadLetterTopic,
  OptionExercised,
  OptionWithdrawn,
  RackEvaluationReopened,
  RackHeld,
  RackWithdrawn,
  RackWithdrawnV1,
  Topics,
} from '@rackeval/contracts';
import { groupCaughtUp, produceEvents, readTopic, testKafka, waitFor } from '@rackeval/testing';
import { Api, countRows, evaluated, optionEvents, received, sendEvaluation, sendReceived, startedService } from './fixtures';

/**
 * Finance exercises an option at the moment another service acts on the rack: intake withdraws it,
 * holds it, or results re-opens its evaluation. Whichever reaches the option first decides; the
 * other is recorded, never a 409 thrown at a consumer and never a dead letter.
 */
describe('an exercise crossing a withdrawal, a hold or a re-opened evaluation', () => {
  const sut = startedService();
  let fiona: Awaited<ReturnType<Api['as']>>;

  beforeAll(async () => {
    fiona = await sut.api.as('fiona');
    // Below the approval threshold: an exercise ends the option at once.
    await sut.api.activeTerms('GR', { unitPrice: '400000.00', currency: 'USD', windowDays: 30, approvalThreshold: '500000.00' });
  });

  const exercise = (serial: string) =>
    fiona.post(`/v1/options/${serial}/decision`, { decision: 'EXERCISE', rationale: 'meets every target' });
  const withdraw = (serial: string): Promise<Array<CloudEvent<RackWithdrawnV1>>> =>
    produceEvents(RackWithdrawn, [
      {
        rackSerial: serial,
        generation: 'GR',
        occurredAt: new Date().toISOString(),
        actor: 'ines',
        withdrawnFrom: 'EVALUATION_PASSED',
        reason: 'chassis bent in bay 2',
      },
    ]);
  /** purchase-option has no handler for a hold: it is skipped, not recorded, so the group's offsets tell it was read. */
  const hold = async (serial: string) => {
    await produceEvents(RackHeld, [
      {
        rackSerial: serial,
        generation: 'GR',
        occurredAt: new Date().toISOString(),
        actor: 'ines',
        heldFrom: 'IN_EVALUATION' as const,
        reason: 'coolant leak under review',
      },
    ]);
    await waitFor('hold read and skipped', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
  };
  const reopen = (serial: string) =>
    produceEvents(RackEvaluationReopened, [
      {
        rackSerial: serial,
        generation: 'GR',
        revision: 1,
        previousOutcome: 'PASSED' as const,
        cause: 'ADMIN' as const,
        reason: 'power meter was miscalibrated',
        extraAttempts: 1,
        suites: [],
        actor: 'ada',
        occurredAt: new Date().toISOString(),
      },
    ]);
  const exercisable = async (serial: string) => {
    await sendReceived(received(serial, 'GR'));
    await sendEvaluation(evaluated(serial, 'GR'));
    await sut.api.waitForOption(serial, 'EXERCISABLE');
  };
  /** The inbox recorded the events (applied or ignored); a dead-lettered event is recorded too, so the topic is checked apart. */
  const consumed = (events: Array<CloudEvent<object>>) =>
    waitFor(
      'events consumed',
      async () =>
        (await countRows(sut.service.config.DATABASE_SCHEMA, 'inbox_event', 'event_id = ANY($1)', [events.map((e) => e.id)])) ===
        events.length,
    );
  const history = async (serial: string) =>
    (await sut.api.option(serial)).history.map(
      (entry: { action: string; actor: string; fromState: string | null; toState: string | null }) =>
        `${entry.action} by ${entry.actor}: ${entry.fromState ?? '-'} → ${entry.toState}`,
    );
  const deadLetters = async (...serials: string[]) => {
    const admin = testKafka().admin();
    await admin.connect();
    const topics = await admin.listTopics().finally(() => admin.disconnect());
    const topic = deadLetterTopic('purchase-option');
    const dead = topics.includes(topic) ? await readTopic(topic, { timeoutMs: 5_000 }) : [];
    return dead.filter((message) => serials.includes(message.key ?? '')).map((message) => message.headers.ce_type);
  };
  describe('withdrawal at intake', () => {
    it('exercise first: the option stays EXERCISED and the overruled withdrawal is in the audit trail', async () => {
      await exercisable('RK-XW-1');
      await exercise('RK-XW-1').expect(200);
      await consumed(await withdraw('RK-XW-1'));

      const option = await sut.api.option('RK-XW-1');
      expect(option).toMatchObject({ state: 'EXERCISED', outcome: { decidedBy: 'fiona' } });
      expect(await history('RK-XW-1')).toEqual([
        'OPENED by ines: - → PENDING_EVALUATION',
        'EVALUATION_PASSED by results: PENDING_EVALUATION → EXERCISABLE',
        'EXERCISED by fiona: EXERCISABLE → EXERCISED',
        'WITHDRAWAL_OVERRULED by intake: EXERCISED → EXERCISED',
      ]);
      expect(option.history.at(-1).reason).toBe(
        'rack withdrawn at intake by ines: chassis bent in bay 2 — not applied: the option was exercised by fiona before the withdrawal reached it; the exercise stands and the rack is bought',
      );
      const events = await optionEvents('RK-XW-1');
      expect(events.filter((event) => event.type === OptionExercised.type)).toHaveLength(1);
      expect(events.filter((event) => event.type === OptionWithdrawn.type)).toEqual([]);
      expect(await deadLetters('RK-XW-1')).toEqual([]);
    });

    it('withdrawal first: the option ends WITHDRAWN and finance is told so with a 409', async () => {
      await exercisable('RK-XW-2');
      await consumed(await withdraw('RK-XW-2'));
      const refused = await exercise('RK-XW-2').expect(409);
      expect(refused.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: expect.stringContaining('option already ended WITHDRAWN'),
      });

      expect(await sut.api.option('RK-XW-2')).toMatchObject({ state: 'WITHDRAWN', outcome: { decidedBy: 'intake' } });
      expect(await history('RK-XW-2')).toEqual([
        'OPENED by ines: - → PENDING_EVALUATION',
        'EVALUATION_PASSED by results: PENDING_EVALUATION → EXERCISABLE',
        'WITHDRAWN by intake: EXERCISABLE → WITHDRAWN',
      ]);
      expect(await deadLetters('RK-XW-2')).toEqual([]);
    });

    it('at the same moment: one of the two wins, the option ends once and the trail says which', async () => {
      await exercisable('RK-XW-3');
      const [decision, withdrawal] = await Promise.all([exercise('RK-XW-3'), withdraw('RK-XW-3')]);
      await consumed(withdrawal);

      const option = await sut.api.option('RK-XW-3');
      const tail = (await history('RK-XW-3')).slice(2);
      if (decision.status === 200) {
        expect(option.state).toBe('EXERCISED');
        expect(tail).toEqual(['EXERCISED by fiona: EXERCISABLE → EXERCISED', 'WITHDRAWAL_OVERRULED by intake: EXERCISED → EXERCISED']);
      } else {
        expect(decision.status).toBe(409);
        expect(option.state).toBe('WITHDRAWN');
        expect(tail).toEqual(['WITHDRAWN by intake: EXERCISABLE → WITHDRAWN']);
      }
      expect(await deadLetters('RK-XW-3')).toEqual([]);
    });
  });

  describe('hold at intake', () => {
    it('a hold does not touch the option: exercised before or after it, the option ends EXERCISED once', async () => {
      await exercisable('RK-XH-1');
      await exercise('RK-XH-1').expect(200);
      await hold('RK-XH-1');

      await exercisable('RK-XH-2');
      await hold('RK-XH-2');
      await exercise('RK-XH-2').expect(200);

      for (const serial of ['RK-XH-1', 'RK-XH-2']) {
        expect((await sut.api.option(serial)).state).toBe('EXERCISED');
        expect((await history(serial)).slice(2)).toEqual(['EXERCISED by fiona: EXERCISABLE → EXERCISED']);
      }
      expect(await deadLetters('RK-XH-1', 'RK-XH-2')).toEqual([]);
    });
  });

  describe('re-opened evaluation at results', () => {
    it('exercise first: the option stays EXERCISED, the overruled re-open is audited and a later verdict changes nothing', async () => {
      await exercisable('RK-XR-1');
      await exercise('RK-XR-1').expect(200);
      await consumed(await reopen('RK-XR-1'));
      const failedLater = evaluated('RK-XR-1', 'GR', { outcome: 'FAILED', criteriaMet: 10, revision: 2 });
      await sendEvaluation(failedLater);
      await consumed([failedLater]);

      const option = await sut.api.option('RK-XR-1');
      expect(option.state).toBe('EXERCISED');
      expect((await history('RK-XR-1')).slice(2)).toEqual([
        'EXERCISED by fiona: EXERCISABLE → EXERCISED',
        'REOPEN_OVERRULED by ada: EXERCISED → EXERCISED',
      ]);
      expect(option.history.at(-1).reason).toBe(
        'evaluation re-opened (ADMIN, was PASSED) by ada: power meter was miscalibrated — not applied: the option was exercised by fiona before the re-open reached it; the exercise stands and a later verdict is ignored',
      );
      expect(await deadLetters('RK-XR-1')).toEqual([]);
    });

    it('re-open first: the option awaits its evaluation again and the exercise is refused with a 409', async () => {
      await exercisable('RK-XR-2');
      await consumed(await reopen('RK-XR-2'));
      await sut.api.waitForOption('RK-XR-2', 'PENDING_EVALUATION');
      const refused = await exercise('RK-XR-2').expect(409);
      expect(refused.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('option is PENDING_EVALUATION') });
      expect((await history('RK-XR-2')).slice(2)).toEqual(['EVALUATION_REOPENED by ada: EXERCISABLE → PENDING_EVALUATION']);
      expect(await deadLetters('RK-XR-2')).toEqual([]);
    });
  });
});
