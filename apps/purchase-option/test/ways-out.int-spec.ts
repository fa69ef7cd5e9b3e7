import {
  CloudEvent,
  deadLetterTopic,
  OptionDeclined,
  OptionStateChanged,
  OptionWithdrawn,
  RackReturned,
  RackWithdrawn,
  RackWithdrawnV1,
  Topics,
  toKafkaRecord,
} from '@rackeval/contracts';
import { produceRaw, readTopic, testEvent, testKafka, waitFor } from '@rackeval/testing';
import { Api, countRows, evaluated, optionEvents, received, sendEvaluation, startedService } from './fixtures';

const withdrawn = (serial: string, generation: string, withdrawnFrom: RackWithdrawnV1['withdrawnFrom'] = 'IN_EVALUATION') =>
  testEvent(RackWithdrawn, {
    rackSerial: serial,
    generation,
    occurredAt: new Date().toISOString(),
    actor: 'ines',
    withdrawnFrom,
    reason: 'chassis bent in bay 2',
  });
const returned = (serial: string, generation: string) =>
  testEvent(RackReturned, {
    rackSerial: serial,
    generation,
    occurredAt: new Date().toISOString(),
    actor: 'ines',
    reason: 'manufacturer collected it',
  });
const sendIntake = (...events: CloudEvent<object>[]) => produceRaw(Topics.intakeRacks, events.map(toKafkaRecord));

describe('options that end before a verdict: declined while pending, or ended by a withdrawal or return at intake', () => {
  const sut = startedService();
  let fiona: Awaited<ReturnType<Api['as']>>;

  beforeAll(async () => {
    fiona = await sut.api.as('fiona');
    await sut.api.activeTerms('GW', { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '500000.00' });
  });

  const decide = (serial: string, body: object) => fiona.post(`/v1/options/${serial}/decision`, body);
  const audit = async (serial: string) =>
    (await sut.api.option(serial)).history.map((entry: { action: string; actor: string }) => `${entry.action} by ${entry.actor}`);
  /** Handled events: the inbox recorded them (applied or ignored), none dead-lettered. */
  const consumed = (...events: CloudEvent<object>[]) =>
    waitFor(
      'events consumed',
      async () =>
        (await countRows(sut.service.config.DATABASE_SCHEMA, 'inbox_event', 'event_id = ANY($1)', [events.map((e) => e.id)])) ===
        events.length,
    );

  it('lets finance decline an option still awaiting its evaluation; the outcome event says it ended from PENDING_EVALUATION', async () => {
    await sendIntake(received('RK-DP-1', 'GW'));
    await sut.api.waitForOption('RK-DP-1', 'PENDING_EVALUATION');
    const declined = await decide('RK-DP-1', { decision: 'DECLINE', rationale: 'capacity for GW already bought' }).expect(200);
    expect(declined.body).toMatchObject({
      state: 'DECLINED',
      outcome: { decidedBy: 'fiona', rationale: 'capacity for GW already bought' },
    });
    expect(await audit('RK-DP-1')).toEqual(['OPENED by ines', 'DECLINED by fiona']);
    const events = await waitFor('declined on the topic', async () => {
      const found = await optionEvents('RK-DP-1');
      return found.length === 2 ? found : undefined;
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: OptionStateChanged.type,
        data: expect.objectContaining({ from: 'PENDING_EVALUATION', to: 'DECLINED' }),
      }),
      expect.objectContaining({
        type: OptionDeclined.type,
        data: expect.objectContaining({ from: 'PENDING_EVALUATION', rationale: 'capacity for GW already bought' }),
      }),
    ]);
    // A verdict arriving afterwards changes nothing.
    const late = evaluated('RK-DP-1', 'GW');
    await sendEvaluation(late);
    await consumed(late);
    expect((await sut.api.option('RK-DP-1')).state).toBe('DECLINED');
  });

  it('still refuses exercising an option awaiting its evaluation (409 naming the rule)', async () => {
    await sendIntake(received('RK-DP-2', 'GW'));
    await sut.api.waitForOption('RK-DP-2', 'PENDING_EVALUATION');
    const refused = await decide('RK-DP-2', { decision: 'EXERCISE', rationale: 'early' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('option is PENDING_EVALUATION') });
  });

  it('ends an open option WITHDRAWN when intake withdraws the rack, cancelling an exercise awaiting approval', async () => {
    await sendIntake(received('RK-WD-1', 'GW'));
    await sendEvaluation(evaluated('RK-WD-1', 'GW'));
    await sut.api.waitForOption('RK-WD-1', 'EXERCISABLE');
    await decide('RK-WD-1', { decision: 'EXERCISE', rationale: 'meets every target' }).expect(200);
    await sut.api.waitForOption('RK-WD-1', 'PENDING_APPROVAL');

    const withdrawal = withdrawn('RK-WD-1', 'GW', 'EVALUATION_PASSED');
    await sendIntake(withdrawal);
    const ended = await sut.api.waitForOption('RK-WD-1', 'WITHDRAWN');
    expect(ended).toMatchObject({
      pendingRequest: null,
      outcome: { decidedBy: 'intake', rationale: 'rack withdrawn at intake by ines: chassis bent in bay 2' },
    });
    expect(ended.history.at(-1)).toMatchObject({
      action: 'WITHDRAWN',
      actor: 'intake',
      fromState: 'PENDING_APPROVAL',
      toState: 'WITHDRAWN',
      reason: 'rack withdrawn at intake by ines: chassis bent in bay 2',
    });
    const events = await waitFor('withdrawn on the topic', async () => {
      const found = (await optionEvents('RK-WD-1')).filter((event) => event.type === OptionWithdrawn.type);
      return found.length === 1 ? found : undefined;
    });
    expect(events[0].data).toMatchObject({ from: 'PENDING_APPROVAL', actor: 'intake' });
    const approval = await (await sut.api.as('farid')).post('/v1/options/RK-WD-1/approval', { approve: true, note: 'late' }).expect(409);
    expect(approval.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('treats a return or a second withdrawal of a rack whose option already ended as a no-op, never a dead letter', async () => {
    await sendIntake(received('RK-WD-2', 'GW'));
    await sut.api.waitForOption('RK-WD-2', 'PENDING_EVALUATION');
    await decide('RK-WD-2', { decision: 'DECLINE', rationale: 'not needed' }).expect(200);
    const auditBefore = await audit('RK-WD-2');
    const late = [returned('RK-WD-2', 'GW'), withdrawn('RK-WD-2', 'GW')];
    await sendIntake(...late);
    await consumed(...late);
    expect((await sut.api.option('RK-WD-2')).state).toBe('DECLINED');
    expect(await audit('RK-WD-2')).toEqual(auditBefore);
    const admin = testKafka().admin();
    await admin.connect();
    const topics = await admin.listTopics().finally(() => admin.disconnect());
    const dead = topics.includes(deadLetterTopic('purchase-option'))
      ? await readTopic(deadLetterTopic('purchase-option'), { timeoutMs: 5_000 })
      : [];
    expect(dead.filter((message) => late.some((event) => event.id === message.headers.ce_id))).toEqual([]);
  });

  it('ends an option without terms on a return, quietly (no price to carry), and the terms approved later leave it ended', async () => {
    await sut.api.registerGenerations('GN');
    await sendIntake(received('RK-NT-1', 'GN'), returned('RK-NT-1', 'GN'));
    const ended = await sut.api.waitForOption('RK-NT-1', 'WITHDRAWN');
    expect(ended.history.map((entry: { action: string }) => entry.action)).toEqual(['OPENED', 'WITHDRAWN']);
    expect(await optionEvents('RK-NT-1')).toEqual([]);
    await sut.api.activeTerms('GN', { unitPrice: '800000.00', currency: 'USD', windowDays: 30, approvalThreshold: '900000.00' });
    expect(await sut.api.option('RK-NT-1')).toMatchObject({ state: 'WITHDRAWN' });
    const refused = await decide('RK-NT-1', { decision: 'DECLINE', rationale: 'too late' }).expect(409);
    expect(refused.body.message).toContain('already ended WITHDRAWN');
  });
});
