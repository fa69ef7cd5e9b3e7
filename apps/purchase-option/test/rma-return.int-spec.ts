import {
  CloudEvent,
  OptionStateChanged,
  RackEvaluationCompleted,
  RackEvaluationReopened,
  RackReceived,
  RackReturnedFromRma,
  RackShippedForRma,
  RackWithdrawn,
  Topics,
  toKafkaRecord,
} from '@rackeval/contracts';
import { deadLetteredTypes, groupCaughtUp, produceEvents, produceRaw, produceRmaReturn, testEvent, waitFor } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import { Api, countRows, evaluated, optionEvents, received, sendEvaluation, startedService } from './fixtures';

const GENERATION = 'GR';
const HANDLED = [
  RackShippedForRma.type,
  RackReturnedFromRma.type,
  RackEvaluationCompleted.type,
  RackEvaluationReopened.type,
  RackReceived.type,
  RackWithdrawn.type,
];
const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

interface HistoryLine {
  action: string;
  actor: string;
  fromState: string | null;
  toState: string | null;
  reason: string;
  incarnation: number;
}

/**
 * A rack whose option ended without a purchase goes to its manufacturer on an RMA (intake) and comes
 * back under its serial as incarnation 2: finance sees the RMA on the option, the option reopens for
 * the new unit and its next verdict opens a fresh window, whichever of intake's return and results'
 * verdict is read first.
 */
describe('purchase-option: a rack back from an RMA reopens its ended option', () => {
  const sut = startedService();
  let fiona: Awaited<ReturnType<Api['as']>>;

  beforeAll(async () => {
    fiona = await sut.api.as('fiona');
    await sut.api.activeTerms(GENERATION, {
      unitPrice: '900000.00',
      currency: 'USD',
      windowDays: WINDOW_DAYS,
      approvalThreshold: '5000000.00',
    });
  });

  const sendIntake = (...events: CloudEvent<object>[]) => produceRaw(Topics.intakeRacks, events.map(toKafkaRecord));
  /**
   * The events of these this service handles were applied: the inbox recorded each (a dead-lettered one
   * never is). The rest of intake's events around an RMA (state-changed, rma.received) have no handler
   * here and are skipped on their type.
   */
  const consumed = async (...events: CloudEvent<object>[]) => {
    const handled = events.filter((event) => HANDLED.includes(event.type)).map((event) => event.id);
    expect(handled.length).toBeGreaterThan(0);
    await waitFor(
      'events consumed',
      async () => (await countRows(sut.service.config.DATABASE_SCHEMA, 'inbox_event', 'event_id = ANY($1)', [handled])) === handled.length,
    );
  };
  const openRmaSerials = async () => {
    const page = await fiona.get(`/v1/options?withRma=open&generation=${GENERATION}&limit=200`).expect(200);
    return page.body.items.map((item: { rackSerial: string }) => item.rackSerial);
  };

  /** A received rack whose option finance declined before its verdict. */
  async function declined(serial: string) {
    await sendIntake(received(serial, GENERATION));
    await sut.api.waitForOption(serial, 'PENDING_EVALUATION');
    await fiona.post(`/v1/options/${serial}/decision`, { decision: 'DECLINE', rationale: 'PSU shelf trips under load' }).expect(200);
  }

  /** A received rack that intake withdrew: its option ends WITHDRAWN. */
  async function withdrawn(serial: string) {
    await sendIntake(received(serial, GENERATION));
    await sut.api.waitForOption(serial, 'PENDING_EVALUATION');
    await sendIntake(
      testEvent(RackWithdrawn, {
        rackSerial: serial,
        generation: GENERATION,
        occurredAt: new Date().toISOString(),
        actor: 'ines',
        withdrawnFrom: 'IN_EVALUATION' as const,
        reason: 'coolant leak at the manifold',
      }),
    );
    await sut.api.waitForOption(serial, 'WITHDRAWN');
  }

  /** Intake ships the rack on an RMA: the rack's shipped-for-rma as intake publishes it. */
  async function shipped(serial: string, rmaNumber: string) {
    const rma = { rmaId: randomUUID(), rmaNumber, serials: [serial], findingIds: [randomUUID()] };
    const shippedAt = new Date().toISOString();
    const [event] = await produceEvents(RackShippedForRma, [
      { rackSerial: serial, generation: GENERATION, actor: 'ines', occurredAt: shippedAt, rmaId: rma.rmaId, rmaNumber, shippedAt },
    ]);
    await consumed(event);
    return { rma, shippedAt };
  }

  it('shows a declined option its RMA, reopens it for incarnation 2 on the return, and a PASS of incarnation 2 opens a fresh window', async () => {
    const serial = 'RK-RMA-R1';
    await declined(serial);
    const { rma, shippedAt } = await shipped(serial, 'RMA-2026-8101');

    const away = await sut.api.option(serial);
    expect(away).toMatchObject({
      state: 'DECLINED',
      incarnation: 1,
      rma: { rmaId: rma.rmaId, rmaNumber: 'RMA-2026-8101', shippedAt, receivedAt: null, incarnationAfter: null, returnKind: null },
    });
    expect(await openRmaSerials()).toContain(serial);

    const returned = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    const reopened = await sut.api.waitForOption(serial, 'PENDING_EVALUATION');
    await consumed(...returned);
    expect(reopened).toMatchObject({
      incarnation: 2,
      verdictAt: null,
      expiresAt: null,
      daysLeft: null,
      outcome: null,
      pendingRequest: null,
      evidence: { evaluation: null },
      terms: { version: away.terms.version, status: 'ACTIVE' },
      rma: { rmaNumber: 'RMA-2026-8101', shippedAt, receivedAt: expect.any(String), incarnationAfter: 2, returnKind: 'REPAIRED' },
    });
    expect(reopened.history.map((line: HistoryLine) => `${line.action} ${line.incarnation}`)).toEqual([
      'OPENED 1',
      'DECLINED 1',
      'REOPENED_AFTER_RMA 2',
    ]);
    const reopenLine = reopened.history.at(-1);
    expect(reopenLine).toMatchObject({ actor: 'intake', fromState: 'DECLINED', toState: 'PENDING_EVALUATION' });
    for (const fact of ['RMA-2026-8101', 'incarnation 2', 'DECLINED by fiona', 'PSU shelf trips under load']) {
      expect(reopenLine.reason).toContain(fact);
    }
    expect(await openRmaSerials()).not.toContain(serial);
    const everOnOne = await fiona.get(`/v1/options?withRma=any&generation=${GENERATION}&limit=200`).expect(200);
    expect(everOnOne.body.items.map((item: { rackSerial: string }) => item.rackSerial)).toContain(serial);
    await fiona.get('/v1/options?withRma=sometimes').expect(400);
    const changes = await waitFor('the reopen on the topic', async () => {
      const found = (await optionEvents(serial)).filter((event) => event.type === OptionStateChanged.type);
      return found.length === 2 ? found : undefined;
    });
    expect(changes[1].data).toMatchObject({ from: 'DECLINED', to: 'PENDING_EVALUATION', actor: 'intake' });

    const concludedAt = new Date().toISOString();
    await sendEvaluation(evaluated(serial, GENERATION, { incarnation: 2, revision: 1, occurredAt: concludedAt }));
    const exercisable = await sut.api.waitForOption(serial, 'EXERCISABLE');
    expect(exercisable).toMatchObject({
      incarnation: 2,
      verdictAt: concludedAt,
      expiresAt: new Date(Date.parse(concludedAt) + WINDOW_DAYS * DAY_MS).toISOString(),
      daysLeft: WINDOW_DAYS,
      evidence: { evaluation: { outcome: 'PASSED', concludedAt } },
    });
    expect(exercisable.history.at(-1)).toMatchObject({ action: 'EVALUATION_PASSED', incarnation: 2, toState: 'EXERCISABLE' });

    // Finance can buy the repaired unit.
    await fiona.post(`/v1/options/${serial}/decision`, { decision: 'EXERCISE', rationale: 'repaired unit meets every target' }).expect(200);
    expect((await sut.api.option(serial)).state).toBe('EXERCISED');
  });

  it('treats a redelivered return, or the same return published again, as a no-op', async () => {
    const serial = 'RK-RMA-R2';
    await withdrawn(serial);
    const { rma } = await shipped(serial, 'RMA-2026-8102');
    const returned = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    const reopened = await sut.api.waitForOption(serial, 'PENDING_EVALUATION');
    await consumed(...returned);
    expect(reopened.history.at(-1)).toMatchObject({ action: 'REOPENED_AFTER_RMA', fromState: 'WITHDRAWN', incarnation: 2 });
    expect(reopened.history.at(-1).reason).toContain('WITHDRAWN by intake');

    // The very same events again (a redelivery), then the return as a new event (published twice).
    await produceRaw(Topics.intakeRacks, returned.map(toKafkaRecord));
    const again = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    await consumed(...again);
    const after = await sut.api.option(serial);
    expect(after).toMatchObject({ state: 'PENDING_EVALUATION', incarnation: 2, version: reopened.version });
    expect(after.history).toEqual(reopened.history);
  });

  it('reopens for a verdict of incarnation 2 read before the return and applies it; the return read afterwards changes nothing', async () => {
    const serial = 'RK-RMA-R3';
    await withdrawn(serial);
    const { rma } = await shipped(serial, 'RMA-2026-8103');

    const concludedAt = new Date().toISOString();
    await sendEvaluation(evaluated(serial, GENERATION, { incarnation: 2, occurredAt: concludedAt }));
    const exercisable = await sut.api.waitForOption(serial, 'EXERCISABLE');
    expect(exercisable).toMatchObject({
      incarnation: 2,
      verdictAt: concludedAt,
      expiresAt: new Date(Date.parse(concludedAt) + WINDOW_DAYS * DAY_MS).toISOString(),
      evidence: { evaluation: { outcome: 'PASSED' } },
    });
    expect(exercisable.history.map((line: HistoryLine) => `${line.action} by ${line.actor}`)).toEqual([
      'OPENED by ines',
      'WITHDRAWN by intake',
      'REOPENED_AFTER_RMA by results',
      'EVALUATION_PASSED by results',
    ]);
    expect(exercisable.history[2].reason).toContain('RMA not known here yet');

    const returned = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    await consumed(...returned);
    const after = await sut.api.option(serial);
    expect(after).toMatchObject({ state: 'EXERCISABLE', incarnation: 2, version: exercisable.version, verdictAt: concludedAt });
    expect(after.history).toEqual(exercisable.history);
    // What finance sees of the RMA is complete all the same.
    expect(after.rma).toMatchObject({ rmaNumber: 'RMA-2026-8103', incarnationAfter: 2, receivedAt: expect.any(String) });
    // intake's other events of the return were read to the end of the topic, none dead-lettered.
    await waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    expect(
      await deadLetteredTypes(
        'purchase-option',
        returned.map((event) => event.id),
      ),
    ).toEqual([]);
  });

  it('records a verdict of incarnation 1 read after the return in the audit trail and changes nothing', async () => {
    const serial = 'RK-RMA-R4';
    await declined(serial);
    const { rma } = await shipped(serial, 'RMA-2026-8104');
    await consumed(...(await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 })));
    const reopened = await sut.api.waitForOption(serial, 'PENDING_EVALUATION');

    const stale = evaluated(serial, GENERATION, { outcome: 'FAILED', criteriaMet: 3, failedSuites: ['burn-in'] });
    await sendEvaluation(stale);
    await consumed(stale);
    const after = await sut.api.option(serial);
    expect(after).toMatchObject({ state: 'PENDING_EVALUATION', incarnation: 2, verdictAt: null, evidence: { evaluation: null } });
    expect(after.history.slice(0, -1)).toEqual(reopened.history);
    expect(after.history.at(-1)).toMatchObject({
      action: 'STALE_INCARNATION_IGNORED',
      actor: 'results',
      incarnation: 1,
      fromState: 'PENDING_EVALUATION',
      toState: 'PENDING_EVALUATION',
    });

    // The new unit's own verdict still applies.
    await sendEvaluation(
      evaluated(serial, GENERATION, { incarnation: 2, outcome: 'FAILED', criteriaMet: 10, failedSuites: ['thermal-soak'] }),
    );
    await sut.api.waitForOption(serial, 'NOT_EXERCISABLE');
  });

  it('reopens for a re-open of incarnation 2 read before the return, awaiting the new verdict', async () => {
    const serial = 'RK-RMA-R5';
    await declined(serial);
    await shipped(serial, 'RMA-2026-8105');
    const reopen = testEvent(RackEvaluationReopened, {
      rackSerial: serial,
      generation: GENERATION,
      revision: 1,
      previousOutcome: 'PASSED',
      cause: 'ADMIN',
      reason: 'repaired unit re-evaluated',
      extraAttempts: 1,
      incarnation: 2,
      suites: [],
      actor: 'ada',
      occurredAt: new Date().toISOString(),
    });
    await produceRaw(Topics.resultsEvaluations, [toKafkaRecord(reopen)]);
    const reopened = await sut.api.waitForOption(serial, 'PENDING_EVALUATION');
    await consumed(reopen);
    expect(reopened).toMatchObject({ incarnation: 2, outcome: null });
    expect(reopened.history.at(-1)).toMatchObject({ action: 'REOPENED_AFTER_RMA', fromState: 'DECLINED', actor: 'results' });
  });

  it('keeps an exercised option bought when its rack comes back, saying so in the audit trail', async () => {
    const serial = 'RK-RMA-R6';
    await sendIntake(received(serial, GENERATION));
    await sendEvaluation(evaluated(serial, GENERATION));
    await sut.api.waitForOption(serial, 'EXERCISABLE');
    await fiona.post(`/v1/options/${serial}/decision`, { decision: 'EXERCISE', rationale: 'meets every target' }).expect(200);
    const bought = await sut.api.waitForOption(serial, 'EXERCISED');

    const rma = { rmaId: randomUUID(), rmaNumber: 'RMA-2026-8106', serials: [serial], findingIds: [] };
    const returned = await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    await consumed(...returned);
    const after = await sut.api.option(serial);
    expect(after).toMatchObject({ state: 'EXERCISED', incarnation: 1, version: bought.version });
    expect(after.history.at(-1)).toMatchObject({
      action: 'REOPEN_OVERRULED',
      actor: 'intake',
      fromState: 'EXERCISED',
      toState: 'EXERCISED',
    });
    expect(after.history.at(-1).reason).toContain('RMA-2026-8106');
  });
});
