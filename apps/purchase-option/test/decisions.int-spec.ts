import { TestTokens } from '@rackeval/auth/testing';
import { OptionDeclined, OptionExercised, OptionStateChanged } from '@rackeval/contracts';
import { deleteTestTopics, RunningService, waitFor, withDatabase } from '@rackeval/testing';
import { PurchaseOptionConfig } from '../src/config';
import { Api, countRows, evaluated, optionEvents, received, sendEvaluation, sendReceived, start } from './fixtures';

describe('finance decisions, four-eyes approval and the audit trail', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;
  let api: Api;
  const clients: Record<string, Awaited<ReturnType<Api['as']>>> = {};

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    api = new Api(sut.url, tokens);
    for (const user of ['ada', 'fiona', 'farid', 'vic', 'ines', 'tariq']) clients[user] = await api.as(user);
    // GF: price under the threshold; GH: above it (four-eyes); GZ: zero-day window.
    await api.activeTerms('GF', { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' });
    await api.activeTerms('GH', { unitPrice: '1250000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' });
    await api.activeTerms('GZ', { unitPrice: '1.00', currency: 'USD', windowDays: 0, approvalThreshold: '10.00' });
  });

  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  /** Racks received and evaluated, waited for until their options reached the verdict's state. */
  async function ready(generation: string, outcome: 'PASSED' | 'FAILED', ...serials: string[]) {
    await sendReceived(...serials.map((serial) => received(serial, generation)));
    await sendEvaluation(...serials.map((serial) => evaluated(serial, generation, { outcome })));
    for (const serial of serials) await api.waitForOption(serial, outcome === 'PASSED' ? 'EXERCISABLE' : 'NOT_EXERCISABLE');
  }

  /** What a refused request must leave untouched: the option row, its audit trail, its outgoing events. */
  async function written(serial: string) {
    const schema = sut.config.DATABASE_SCHEMA;
    const option = await api.option(serial);
    return {
      state: option.state,
      version: option.version,
      audit: await countRows(schema, 'option_audit', 'rack_serial = $1', [serial]),
      outbox: await countRows(schema, 'outbox_message', 'partition_key = $1', [serial]),
    };
  }

  const decide = (user: string, serial: string, body: object) => clients[user].post(`/v1/options/${serial}/decision`, body);
  const review = (user: string, serial: string, body: object) => clients[user].post(`/v1/options/${serial}/approval`, body);

  it('exercises at once at or below the threshold and tells intake', async () => {
    await ready('GF', 'PASSED', 'RK-F1');
    const response = await decide('fiona', 'RK-F1', { decision: 'EXERCISE', rationale: 'meets every target' }).expect(200);
    expect(response.body).toMatchObject({
      state: 'EXERCISED',
      outcome: { decidedBy: 'fiona', approvedBy: null, rationale: 'meets every target' },
      daysLeft: null,
    });
    expect(response.body.history.at(-1)).toMatchObject({
      action: 'EXERCISED',
      actor: 'fiona',
      fromState: 'EXERCISABLE',
      toState: 'EXERCISED',
      reason: 'meets every target',
    });

    const events = await waitFor('the outcome events', async () => {
      const found = await optionEvents('RK-F1');
      return found.length === 3 ? found : undefined;
    });
    expect(events.map((e) => e.type)).toEqual([OptionStateChanged.type, OptionStateChanged.type, OptionExercised.type]);
    expect(events[2].data).toMatchObject({
      rackSerial: 'RK-F1',
      generation: 'GF',
      termsVersion: 1,
      unitPrice: '900000.00',
      currency: 'USD',
      actor: 'fiona',
      rationale: 'meets every target',
    });
  });

  it('above the threshold needs a second finance user: the requester cannot approve, a rejection keeps its reason', async () => {
    await ready('GH', 'PASSED', 'RK-H1');
    const requested = await decide('fiona', 'RK-H1', { decision: 'EXERCISE', rationale: 'best perf per dollar' }).expect(200);
    expect(requested.body).toMatchObject({
      state: 'PENDING_APPROVAL',
      pendingRequest: { requestedBy: 'fiona', rationale: 'best perf per dollar', waiver: null },
    });

    const before = await written('RK-H1');
    const own = await review('fiona', 'RK-H1', { approve: true, note: 'looks fine to me' }).expect(403);
    expect(own.body).toMatchObject({ code: 'FOUR_EYES_RULE' });
    expect(own.body.message).toContain('four-eyes rule');
    await review('fiona', 'RK-H1', { approve: false, note: 'withdrawn' }).expect(403);
    expect(await written('RK-H1')).toEqual(before);

    const rejected = await review('farid', 'RK-H1', { approve: false, note: 'wait for Q3 budget' }).expect(200);
    expect(rejected.body).toMatchObject({
      state: 'EXERCISABLE',
      pendingRequest: null,
      lastRejection: { rejectedBy: 'farid', note: 'wait for Q3 budget' },
    });

    await decide('fiona', 'RK-H1', { decision: 'EXERCISE', rationale: 'budget approved' }).expect(200);
    const approved = await review('farid', 'RK-H1', { approve: true, note: 'checked the evidence' }).expect(200);
    expect(approved.body).toMatchObject({
      state: 'EXERCISED',
      outcome: { decidedBy: 'fiona', approvedBy: 'farid', rationale: 'budget approved' },
      lastRejection: { note: 'wait for Q3 budget' },
    });
    expect(approved.body.history.map((h: { action: string; actor: string }) => `${h.action}:${h.actor}`)).toEqual([
      'OPENED:ines',
      'EVALUATION_PASSED:results',
      'EXERCISE_REQUESTED:fiona',
      'REJECTED:farid',
      'EXERCISE_REQUESTED:fiona',
      'APPROVED:farid',
    ]);
    const exercised = await waitFor('the exercised event', async () =>
      (await optionEvents('RK-H1')).find((e) => e.type === OptionExercised.type),
    );
    expect(exercised.data).toMatchObject({ actor: 'fiona', approvedBy: 'farid', rationale: 'budget approved' });
  });

  it('exercises a failed rack only under a written waiver, shown in the evidence', async () => {
    await ready('GF', 'FAILED', 'RK-W1');
    const before = await written('RK-W1');
    const refused = await decide('fiona', 'RK-W1', { decision: 'EXERCISE', rationale: 'need capacity' }).expect(422);
    expect(refused.body.code).toBe('WAIVER_REQUIRED');
    await decide('fiona', 'RK-W1', { decision: 'EXERCISE', rationale: 'need capacity', waiver: '' }).expect(400);
    expect(await written('RK-W1')).toEqual(before);

    const waiver = 'thermal soak failed on a faulty bay sensor; re-run passed off the record';
    const done = await decide('fiona', 'RK-W1', { decision: 'EXERCISE', rationale: 'need capacity', waiver }).expect(200);
    expect(done.body).toMatchObject({ state: 'EXERCISED', evidence: { waiver } });
    expect(done.body.history.slice(-2)).toEqual([
      expect.objectContaining({ action: 'WAIVER_RECORDED', actor: 'fiona', waiver, fromState: 'NOT_EXERCISABLE' }),
      expect.objectContaining({ action: 'EXERCISED', actor: 'fiona', waiver }),
    ]);
    const exercised = await waitFor('the exercised event', async () =>
      (await optionEvents('RK-W1')).find((e) => e.type === OptionExercised.type),
    );
    expect(exercised.data.waiver).toBe(waiver);
  });

  it('declines a failed rack, and a decision on an ended option is a 409 that writes nothing', async () => {
    await ready('GF', 'FAILED', 'RK-X1');
    const declined = await decide('farid', 'RK-X1', { decision: 'DECLINE', rationale: 'fails thermal' }).expect(200);
    expect(declined.body).toMatchObject({ state: 'DECLINED', outcome: { decidedBy: 'farid', rationale: 'fails thermal' } });
    await waitFor('the declined event', async () => (await optionEvents('RK-X1')).some((e) => e.type === OptionDeclined.type));

    const before = await written('RK-X1');
    for (const body of [
      { decision: 'EXERCISE', rationale: 'changed my mind', waiver: 'please' },
      { decision: 'DECLINE', rationale: 'again' },
    ]) {
      const conflict = await decide('fiona', 'RK-X1', body).expect(409);
      expect(conflict.body.code).toBe('ILLEGAL_TRANSITION');
      expect(conflict.body.message).toContain('option is DECLINED');
    }
    await review('fiona', 'RK-X1', { approve: true, note: 'x' }).expect(409);
    expect(await written('RK-X1')).toEqual(before);
  });

  it('answers every bad input correctly and writes nothing', async () => {
    await ready('GF', 'PASSED', 'RK-B1');
    await sendReceived(received('RK-B2', 'GF'));
    await api.waitForOption('RK-B2', 'PENDING_EVALUATION');
    const before = await written('RK-B1');
    const beforePending = await written('RK-B2');
    const good = { decision: 'EXERCISE', rationale: 'ok' };

    for (const user of ['ada', 'vic', 'ines', 'tariq']) {
      await decide(user, 'RK-B1', good).expect(403);
      await review(user, 'RK-B1', { approve: true, note: 'ok' }).expect(403);
    }
    await clients.fiona.post('/v1/options/RK-B1/decision', good).set('authorization', 'Bearer nope').expect(401);
    for (const body of [
      { decision: 'BUY', rationale: 'x' },
      { decision: 'EXERCISE' },
      { decision: 'EXERCISE', rationale: '' },
      { decision: 'EXERCISE', rationale: 'x', price: '1.00' },
      { decision: 'EXERCISE', rationale: 42 },
    ]) {
      await decide('fiona', 'RK-B1', body).expect(400);
    }
    await review('farid', 'RK-B1', { approve: 'yes', note: 'x' }).expect(400);
    await review('farid', 'RK-B1', { approve: true }).expect(400);
    await review('farid', 'RK-B1', { approve: true, note: 'no request pending' }).expect(409);
    const waiverOnPass = await decide('fiona', 'RK-B1', { ...good, waiver: 'not needed' }).expect(422);
    expect(waiverOnPass.body.code).toBe('WAIVER_NOT_APPLICABLE');
    await decide('fiona', 'RK-B1', { decision: 'DECLINE', rationale: 'x', waiver: 'why' }).expect(422);
    expect(await written('RK-B1')).toEqual(before);

    const pending = await decide('fiona', 'RK-B2', good).expect(409);
    expect(pending.body.message).toContain('option is PENDING_EVALUATION');
    expect(await written('RK-B2')).toEqual(beforePending);

    const unknown = await decide('fiona', 'RK-NOPE', good).expect(404);
    expect(unknown.body.code).toBe('UNKNOWN_OPTION');
    await review('farid', 'RK-NOPE', { approve: true, note: 'x' }).expect(404);
    await decide('fiona', 'bad serial!', good).expect(400);
    expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_audit', `rack_serial = 'RK-NOPE'`)).toBe(0);
  });

  it('refuses decisions once the window has closed, before the sweep lapses the option', async () => {
    await ready('GZ', 'PASSED', 'RK-Z1');
    const before = await written('RK-Z1');
    const closed = await decide('fiona', 'RK-Z1', { decision: 'EXERCISE', rationale: 'quick' }).expect(422);
    expect(closed.body.code).toBe('OPTION_WINDOW_CLOSED');
    expect(await written('RK-Z1')).toEqual(before);
  });

  it('ends an option exactly once when two finance users decide at the same moment', async () => {
    const serials = ['RK-C1', 'RK-C2', 'RK-C3', 'RK-C4'];
    await ready('GF', 'PASSED', ...serials);
    await ready('GH', 'PASSED', 'RK-C5', 'RK-C6');
    const races = [
      ...serials.map(
        (serial) =>
          [serial, { decision: 'EXERCISE', rationale: 'fiona buys' }, { decision: 'DECLINE', rationale: 'farid declines' }] as const,
      ),
      ...['RK-C5', 'RK-C6'].map(
        (serial) => [serial, { decision: 'EXERCISE', rationale: 'fiona asks' }, { decision: 'EXERCISE', rationale: 'farid asks' }] as const,
      ),
    ];
    for (const [serial, fionaBody, faridBody] of races) {
      const [a, b] = await Promise.all([decide('fiona', serial, fionaBody), decide('farid', serial, faridBody)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(['CONCURRENT_UPDATE', 'ILLEGAL_TRANSITION']).toContain(loser.body.code);
      const option = await api.option(serial);
      const winner = a.status === 200 ? 'fiona' : 'farid';
      const decisions = option.history.filter((h: { actor: string }) => h.actor === 'fiona' || h.actor === 'farid');
      expect(decisions).toHaveLength(1);
      expect(decisions[0].actor).toBe(winner);
    }
    for (const serial of serials) {
      const ended = await waitFor(`the outcome of ${serial}`, async () => {
        const found = (await optionEvents(serial)).filter((e) => e.type === OptionExercised.type || e.type === OptionDeclined.type);
        return found.length ? found : undefined;
      });
      expect(ended).toHaveLength(1);
    }
  });

  it('answers a retried decision with the same Idempotency-Key from the first response', async () => {
    await ready('GF', 'PASSED', 'RK-I1');
    const fiona = await api.as('fiona');
    const body = { decision: 'DECLINE', rationale: 'too late in the quarter' };
    const first = await fiona.post('/v1/options/RK-I1/decision', body).set('idempotency-key', 'decide-RK-I1-0001').expect(200);
    const retry = await fiona.post('/v1/options/RK-I1/decision', body).set('idempotency-key', 'decide-RK-I1-0001').expect(200);
    expect(retry.body).toEqual(first.body);
    await fiona
      .post('/v1/options/RK-I1/decision', { ...body, rationale: 'other' })
      .set('idempotency-key', 'decide-RK-I1-0001')
      .expect(422);
    expect(await countRows(sut.config.DATABASE_SCHEMA, 'option_audit', `rack_serial = 'RK-I1' AND action = 'DECLINED'`)).toBe(1);
  });

  describe('audit trail', () => {
    it('lists every decision of a rack, oldest first, page by page', async () => {
      const fiona = await api.as('fiona');
      const page = await fiona.get('/v1/audit?rack=RK-H1').expect(200);
      expect(page.body.items.map((e: { action: string }) => e.action)).toEqual([
        'OPENED',
        'EVALUATION_PASSED',
        'EXERCISE_REQUESTED',
        'REJECTED',
        'EXERCISE_REQUESTED',
        'APPROVED',
      ]);
      expect(page.body.items[3]).toMatchObject({
        actor: 'farid',
        reason: 'wait for Q3 budget',
        fromState: 'PENDING_APPROVAL',
        toState: 'EXERCISABLE',
      });
      const first = await fiona.get('/v1/audit?rack=RK-H1&limit=4').expect(200);
      const rest = await fiona.get(`/v1/audit?rack=RK-H1&limit=4&cursor=${first.body.nextCursor}`).expect(200);
      expect([...first.body.items, ...rest.body.items]).toEqual(page.body.items);
      expect(rest.body.nextCursor).toBeNull();
      await (await api.as('ines')).get('/v1/audit?rack=RK-H1').expect(403);
    });

    it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
      const schema = sut.config.DATABASE_SCHEMA;
      const before = await countRows(schema, 'option_audit');
      await withDatabase(async (client) => {
        await expect(client.query(`UPDATE "${schema}".option_audit SET reason = 'rewritten'`)).rejects.toThrow(
          /append-only: UPDATE refused/,
        );
        await expect(client.query(`DELETE FROM "${schema}".option_audit`)).rejects.toThrow(/append-only: DELETE refused/);
        await expect(client.query(`TRUNCATE "${schema}".option_audit`)).rejects.toThrow(/append-only: TRUNCATE refused/);
        await expect(client.query(`UPDATE "${schema}".option_terms SET unit_price = 1`)).rejects.toThrow(/append-only/);
      });
      expect(await countRows(schema, 'option_audit')).toBe(before);
      expect(await countRows(schema, 'option_audit', `reason = 'rewritten'`)).toBe(0);
    });

    it('exports options and decisions as CSV for finance', async () => {
      const fiona = await api.as('fiona');
      const options = await fiona.get('/v1/options/export.csv?generation=GH').expect(200);
      expect(options.headers['content-type']).toContain('text/csv');
      const lines = options.text.trim().split('\r\n');
      expect(lines[0]).toContain('rack_serial,generation,state,terms_version,unit_price');
      const h1 = lines.find((line) => line.startsWith('RK-H1,'))!;
      expect(h1).toContain('RK-H1,GH,EXERCISED,1,1250000.00,USD,1000000.00,30,PASSED');
      expect(h1).toContain('fiona,farid,budget approved');

      const decisions = await fiona.get('/v1/audit/export.csv?rack=RK-W1').expect(200);
      expect(decisions.text).toContain('WAIVER_RECORDED');
      expect(decisions.text.trim().split('\r\n')).toHaveLength(
        1 + (await countRows(sut.config.DATABASE_SCHEMA, 'option_audit', `rack_serial = 'RK-W1'`)),
      );
      await (await api.as('vic')).get('/v1/options/export.csv').expect(403);
    });
  });
});
