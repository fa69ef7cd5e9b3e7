import {
  CloudEvent,
  OptionDeclined,
  OptionLapsed,
  OptionStateChanged,
  RackReasonedFactV1,
  RackRejected,
  Topics,
  toKafkaRecord,
} from '@rackeval/contracts';
import { produceRaw, testEvent, waitFor } from '@rackeval/testing';
import { Api, countRows, optionEvents, received, startedService } from './fixtures';

const DAY_MS = 86_400_000;
// An hour ago: 30-day windows stay open during the test, a zero-day one is already closed.
const REJECTED_AT = new Date(Date.now() - 3_600_000).toISOString();

const rejected = (serial: string, generation: string, reason = 'crushed corner, coolant leak'): CloudEvent<RackReasonedFactV1> =>
  testEvent(RackRejected, { rackSerial: serial, generation, occurredAt: REJECTED_AT, actor: 'ines', reason });

/** Receipt and rejection as intake sends them: one topic, one key, in this order. */
const sendIntake = (...events: CloudEvent<object>[]) => produceRaw(Topics.intakeRacks, events.map(toKafkaRecord));

describe('a rack rejected at intake: its option is NOT_EXERCISABLE, can be declined or lapse, never exercised', () => {
  const sut = startedService({ LAPSE_SWEEP_INTERVAL_SECONDS: '1' });
  let fiona: Awaited<ReturnType<Api['as']>>;

  beforeAll(async () => {
    fiona = await sut.api.as('fiona');
    await sut.api.activeTerms('GR', { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' });
    await sut.api.activeTerms('GZ', { unitPrice: '1.00', currency: 'USD', windowDays: 0, approvalThreshold: '10.00' });
  });

  const decide = (serial: string, body: object) => fiona.post(`/v1/options/${serial}/decision`, body);

  /** A rack of GR received and rejected at intake, its option NOT_EXERCISABLE; the rejection as intake sent it. */
  async function rejectedAtIntake(serial: string): Promise<CloudEvent<RackReasonedFactV1>> {
    const rejection = rejected(serial, 'GR');
    await sendIntake(received(serial, 'GR'), rejection);
    await sut.api.waitForOption(serial, 'NOT_EXERCISABLE');
    return rejection;
  }

  /** What a refused request or a repeated event must leave untouched. */
  async function written(serial: string) {
    const schema = sut.service.config.DATABASE_SCHEMA;
    const option = await sut.api.option(serial);
    return {
      option,
      audit: await countRows(schema, 'option_audit', 'rack_serial = $1', [serial]),
      outbox: await countRows(schema, 'outbox_message', 'partition_key = $1', [serial]),
    };
  }

  it('turns the option NOT_EXERCISABLE with the rejection as its verdict, in the evidence, the audit trail and on the topic', async () => {
    await sendIntake(received('RK-R1', 'GR'), rejected('RK-R1', 'GR'));
    const option = await sut.api.waitForOption('RK-R1', 'NOT_EXERCISABLE');

    expect(option).toMatchObject({
      verdictAt: REJECTED_AT,
      expiresAt: new Date(Date.parse(REJECTED_AT) + 30 * DAY_MS).toISOString(),
      evidence: { evaluation: null, waiver: null, intakeRejection: { reason: 'crushed corner, coolant leak', at: REJECTED_AT } },
      outcome: null,
    });
    expect(option.history.map((h: { action: string }) => h.action)).toEqual(['OPENED', 'REJECTED_AT_INTAKE']);
    expect(option.history[1]).toMatchObject({
      actor: 'ines',
      fromState: 'PENDING_EVALUATION',
      toState: 'NOT_EXERCISABLE',
      reason: 'rejected at intake: crushed corner, coolant leak',
      termsVersion: 1,
    });
    const events = await waitFor('the state change on the topic', async () => {
      const found = await optionEvents('RK-R1');
      return found.length === 1 ? found : undefined;
    });
    expect(events[0]).toMatchObject({
      type: OptionStateChanged.type,
      data: {
        from: 'PENDING_EVALUATION',
        to: 'NOT_EXERCISABLE',
        reason: 'rejected at intake: crushed corner, coolant leak',
        expiresAt: option.expiresAt,
      },
    });
  });

  it('refuses to exercise it even with a waiver (422 naming the rule) and writes nothing', async () => {
    await rejectedAtIntake('RK-R2');
    const before = await written('RK-R2');
    for (const body of [
      { decision: 'EXERCISE', rationale: 'need capacity', waiver: 'the dent is cosmetic' },
      { decision: 'EXERCISE', rationale: 'need capacity' },
    ]) {
      const refused = await decide('RK-R2', body).expect(422);
      expect(refused.body).toMatchObject({
        code: 'RACK_REJECTED_AT_INTAKE',
        message: 'rack RK-R2 was rejected at intake (crushed corner, coolant leak); its option can only be declined or left to lapse',
      });
    }
    expect(await written('RK-R2')).toEqual(before);
  });

  it('changes nothing when the rejection arrives again, redelivered or re-sent with a new id', async () => {
    const firstRejection = await rejectedAtIntake('RK-R3');
    const before = await written('RK-R3');
    const again = rejected('RK-R3', 'GR', 'a different reason');
    await sendIntake(firstRejection, again);
    const schema = sut.service.config.DATABASE_SCHEMA;
    await waitFor(
      'the re-sent rejection consumed',
      async () => (await countRows(schema, 'inbox_event', 'event_id = $1', [again.id])) === 1,
    );
    expect(await written('RK-R3')).toEqual(before);
  });

  it('declines it like any NOT_EXERCISABLE option, telling intake', async () => {
    await rejectedAtIntake('RK-R4');
    const declined = await decide('RK-R4', { decision: 'DECLINE', rationale: 'rejected on arrival' }).expect(200);
    expect(declined.body).toMatchObject({ state: 'DECLINED', outcome: { decidedBy: 'fiona', rationale: 'rejected on arrival' } });
    expect(declined.body.history.at(-1)).toMatchObject({ action: 'DECLINED', fromState: 'NOT_EXERCISABLE', toState: 'DECLINED' });
    const events = await waitFor('OptionDeclined on the topic', async () => {
      const found = await optionEvents('RK-R4');
      return found.some((e) => e.type === OptionDeclined.type) ? found : undefined;
    });
    expect(events.filter((e) => e.type === OptionDeclined.type)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ rackSerial: 'RK-R4', actor: 'fiona', rationale: 'rejected on arrival' }) }),
    ]);
  });

  it('lapses it at the next sweep when the window is zero days', async () => {
    await sendIntake(received('RK-Z1', 'GZ'), rejected('RK-Z1', 'GZ', 'coolant leak'));
    const lapsed = await sut.api.waitForOption('RK-Z1', 'LAPSED');
    expect(lapsed.history.map((h: { action: string }) => h.action)).toEqual(['OPENED', 'REJECTED_AT_INTAKE', 'LAPSED']);
    expect(lapsed).toMatchObject({
      verdictAt: REJECTED_AT,
      expiresAt: REJECTED_AT,
      evidence: { intakeRejection: { reason: 'coolant leak' } },
    });
    await waitFor('OptionLapsed on the topic', async () => (await optionEvents('RK-Z1')).some((e) => e.type === OptionLapsed.type));
  });

  it('keeps a rejection that arrives before the generation has terms and applies it when they are published', async () => {
    await sendIntake(received('RK-Q1', 'GQ'), rejected('RK-Q1', 'GQ', 'tilt indicator tripped'));
    const waiting = await waitFor('the rejection recorded', async () => {
      const option = await sut.api.option('RK-Q1');
      return option?.evidence?.intakeRejection ? option : undefined;
    });
    expect(waiting).toMatchObject({
      state: 'PENDING_EVALUATION',
      terms: null,
      verdictAt: null,
      evidence: { intakeRejection: { reason: 'tilt indicator tripped', at: REJECTED_AT } },
    });

    await sut.api.activeTerms('GQ', { unitPrice: '500.00', currency: 'USD', windowDays: 3650, approvalThreshold: '1000.00' });
    const option = await sut.api.waitForOption('RK-Q1', 'NOT_EXERCISABLE');
    expect(option).toMatchObject({ verdictAt: REJECTED_AT, expiresAt: new Date(Date.parse(REJECTED_AT) + 3650 * DAY_MS).toISOString() });
    expect(option.history.at(-1)).toMatchObject({ action: 'REJECTED_AT_INTAKE', reason: 'rejected at intake: tilt indicator tripped' });
  });
});
