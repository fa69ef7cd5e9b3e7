import { RunScheduled, RunStarted } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import request from 'supertest';
import { ResultsHarness } from './support/results.harness';

/** Batch ingestion with COMPLETED_GRACE_SECONDS=0: a completed run takes nothing more. */
describe('measurement ingestion', () => {
  let sut: ResultsHarness;
  beforeAll(async () => {
    sut = await ResultsHarness.start({ COMPLETED_GRACE_SECONDS: '0' });
    await sut.publishCriteria('G5');
    await sut.publishPlan('G5');
  });
  afterAll(() => sut?.dispose());

  // Each test measures a run of its own.
  let racks = 0;
  let rackSerial: string;
  let runId: string;
  beforeEach(async () => {
    rackSerial = `RK-MB-${++racks}`;
    runId = (await sut.startRun(sut.fact(rackSerial, 'G5', 'burn-in'))).runId;
  });

  const post = async (id: string, body: object | string, headers: Record<string, string> = {}) => {
    const tess = await sut.as('tess');
    const test = tess.post(`/v1/runs/${id}/measurements`).set(headers);
    return typeof body === 'string' ? test.set('content-type', 'application/json').send(body) : test.send(body);
  };
  const power = (value: number, unit = 'kW') => ({ metric: 'rack.power', value, unit });

  it('shows the run as results knows it: running, judged by the criteria in force at its start, open for measurements', async () => {
    const viewer = await sut.as('vic');
    const { body } = await viewer.get(`/v1/runs/${runId}`).expect(200);
    expect(body).toMatchObject({
      runId,
      rackSerial,
      suite: 'burn-in',
      state: 'RUNNING',
      criteriaVersion: 1,
      acceptsMeasurements: true,
    });
    await viewer.get('/v1/runs/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('refuses a metric the suite does not report, naming the item, and writes nothing', async () => {
    const response = await post(runId, { measurements: [power(1), power(2), { metric: 'coolant.inlet_temp', value: 20, unit: 'C' }] });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('METRIC_NOT_REPORTED');
    expect(response.body.details[0].field).toBe('measurements[2].metric');
    expect(response.body.message).toContain('suite burn-in does not report coolant.inlet_temp');
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses a unit that does not convert to the criterion unit, naming it and what is accepted', async () => {
    const response = await post(runId, { measurements: [power(1), power(2, 'C')] });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('UNIT_MISMATCH');
    expect(response.body.details).toEqual([
      { field: 'measurements[1].unit', message: 'rack.power is judged in kW; C is not accepted (accepted: mW, W, kW, MW)' },
    ]);
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses a non-finite value with 400 and writes nothing', async () => {
    const response = await post(
      runId,
      '{"measurements":[{"metric":"rack.power","value":1,"unit":"kW"},{"metric":"rack.power","value":1e999,"unit":"kW"}]}',
    );
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'measurements[1].value', message: 'must be a finite number' }]);
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('answers 404 for an unknown run and 403 for a viewer', async () => {
    const unknown = await post('0b5e1f4c-9a51-4b8e-8f0f-0d8e7e2a9c11', { measurements: [power(1)] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNKNOWN_RUN');
    const viewer = await sut.as('vic');
    await viewer
      .post(`/v1/runs/${runId}/measurements`)
      .send({ measurements: [power(1)] })
      .expect(403);
    await request(sut.url)
      .post(`/v1/runs/${runId}/measurements`)
      .send({ measurements: [power(1)] })
      .expect(401);
  });

  it('refuses a bad item far into a batch with 400 before any refusal of its samples or its run, and writes nothing', async () => {
    // Items are checked a chunk ahead of the COPY: the bad one comes after rows already sent, and after a refused unit.
    const measurements: object[] = Array.from({ length: 9_000 }, (_, i) => power(i));
    measurements[10] = power(1, 'C');
    measurements[8_500] = { ...power(1), observedAt: '2026-02-30T10:00:00Z' };
    const response = await post(runId, { measurements });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'measurements[8500].observedAt', message: expect.stringContaining('must be a real UTC date-time') },
    ]);
    expect(await sut.measurementCount(runId)).toBe(0);
    const unknownRun = await post('0b5e1f4c-9a51-4b8e-8f0f-0d8e7e2a9c11', { measurements });
    expect(unknownRun.status).toBe(400);
    expect(unknownRun.body.details[0].field).toBe('measurements[8500].observedAt');
  });

  it('refuses a bad item after thousands of good rows already went to the COPY with 400, and writes nothing', async () => {
    const measurements: object[] = Array.from({ length: 9_000 }, (_, i) => power(i));
    measurements[8_999] = { ...power(1), component: '' };
    const response = await post(runId, { measurements });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'measurements[8999].component', message: expect.stringContaining('1-128 characters') },
    ]);
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('refuses a body that stops being JSON far into the batch with the JSON parser’s 400, before a bad item or its run, and writes nothing', async () => {
    // The body is parsed a chunk at a time while earlier chunks are stored: the break comes after rows already sent.
    const measurements: object[] = Array.from({ length: 9_000 }, (_, i) => power(i));
    measurements[10] = { ...power(1), component: '' };
    const text = JSON.stringify({ measurements });
    const between = text.lastIndexOf('},{') + 1; // between the last two items: an empty item there
    const broken = `${text.slice(0, between)},${text.slice(between)}`;
    let parserMessage = '';
    try {
      JSON.parse(broken);
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    for (const id of [runId, '0b5e1f4c-9a51-4b8e-8f0f-0d8e7e2a9c11']) {
      const response = await post(id, broken);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'BAD_REQUEST', message: parserMessage, details: [] });
    }
    expect(parserMessage).not.toBe('');
    expect(await sut.measurementCount(runId)).toBe(0);
  });

  it('reads the batch in any JSON layout, and refuses other bodies as before: not an object, unknown fields, no items', async () => {
    const pretty = JSON.stringify({ measurements: [power(1), { ...power(2), component: 'a "quoted" ], [ name' }] }, null, '\t');
    expect((await post(runId, `\r\n ${pretty} \n`)).body).toMatchObject({ accepted: 2 });
    const refusals: [string, string, string][] = [
      ['[]', 'body', 'must be a JSON object {measurements:[…]}'],
      ['{"extra":1,"measurements":[{"metric":"rack.power","value":1,"unit":"kW"}]}', 'extra', 'is not a known field'],
      ['{"measurements":[ ]}', 'measurements', 'must hold 1 to 10000 measurements (got 0)'],
      ['', 'measurements', 'must be an array'],
    ];
    for (const [body, field, message] of refusals) {
      const response = await post(runId, body);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field, message }]);
    }
    const latin1 = await (
      await sut.as('tess')
    )
      .post(`/v1/runs/${runId}/measurements`)
      .set('content-type', 'application/json; charset=latin1')
      .send(JSON.stringify({ measurements: [power(3)] }));
    expect(latin1.status).toBe(415);
    expect(await sut.measurementCount(runId)).toBe(2);
  });

  it('takes 10,000 samples in one batch, normalising W to the criterion kW and keeping the original', async () => {
    const measurements = Array.from({ length: 10_000 }, (_, i) => ({ ...power(90_000 + i, 'W'), component: `psu${i % 4}` }));
    const response = await post(runId, { measurements });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ runId, accepted: 10_000, byMetric: { 'rack.power': 10_000 }, rejudged: false });
    const viewer = await sut.as('vic');
    const page = await viewer.get(`/v1/runs/${runId}/measurements?limit=2`).expect(200);
    expect(page.body.items[0]).toMatchObject({
      metric: 'rack.power',
      value: 90,
      unit: 'kW',
      originalValue: 90_000,
      originalUnit: 'W',
      component: 'psu0',
    });
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await viewer.get(`/v1/runs/${runId}/measurements?limit=2&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body.items[0].originalValue).toBe(90_002);
  });

  it('stores component names with tabs, backslashes, line breaks and non-ASCII, and extreme values, exactly as sent', async () => {
    const other = (await sut.startRun(sut.fact('RK-M-ESC', 'G5', 'burn-in'))).runId;
    const sent = [
      { ...power(1e-300), component: 'tab\there', observedAt: '2026-11-20T10:00:00.123Z' },
      { ...power(1.7976931348623157e308), component: 'back\\slash \\N' },
      { ...power(-0.5), component: 'line\nbreak\r\nand ünïcødé ✓' },
    ];
    expect((await post(other, { measurements: sent })).status).toBe(201);
    const viewer = await sut.as('vic');
    const { body } = await viewer.get(`/v1/runs/${other}/measurements`).expect(200);
    expect(
      body.items.map((m: { component: string; value: number; observedAt: string | null }) => [m.component, m.value, m.observedAt]),
    ).toEqual([
      ['tab\there', 1e-300, '2026-11-20T10:00:00.123Z'],
      ['back\\slash \\N', 1.7976931348623157e308, null],
      ['line\nbreak\r\nand ünïcødé ✓', -0.5, null],
    ]);
  });

  it('makes a retried batch with the same Idempotency-Key a no-op', async () => {
    const before = await sut.measurementCount(runId);
    const body = { measurements: [power(95), power(96)] };
    const first = await post(runId, body, { 'idempotency-key': 'batch-0000001' });
    const retry = await post(runId, body, { 'idempotency-key': 'batch-0000001' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await sut.measurementCount(runId)).toBe(before + 2);
    const reused = await post(runId, { measurements: [power(1)] }, { 'idempotency-key': 'batch-0000001' });
    expect(reused.status).toBe(422);
    expect(await sut.measurementCount(runId)).toBe(before + 2);
  });

  it('supersedes values with a correction and a reason, keeping the history', async () => {
    const run = await sut.startRun(sut.fact('RK-M-2', 'G5', 'burn-in'));
    await post(run.runId, { measurements: [power(130), power(131), { metric: 'training.tokens_per_s', value: 1100, unit: 'tokens/s' }] });
    const tess = await sut.as('tess');
    const corrected = await tess
      .post(`/v1/runs/${run.runId}/measurements/corrections`)
      .send({ metric: 'rack.power', reason: 'PDU 2 read 30 % high until recalibrated', measurements: [power(100), power(101)] })
      .expect(201);
    expect(corrected.body).toMatchObject({ superseded: 2, added: 2, reason: 'PDU 2 read 30 % high until recalibrated' });

    const viewer = await sut.as('vic');
    const current = await viewer.get(`/v1/runs/${run.runId}/measurements?metric=rack.power`).expect(200);
    expect(current.body.items.map((m: { value: number }) => m.value)).toEqual([100, 101]);
    expect(current.body.items[0].correctionReason).toBe('PDU 2 read 30 % high until recalibrated');
    const history = await viewer.get(`/v1/runs/${run.runId}/measurements?metric=rack.power&includeSuperseded=true`).expect(200);
    expect(history.body.items.map((m: { value: number; supersededBy: string | null }) => [m.value, m.supersededBy])).toEqual([
      [130, corrected.body.correctionId],
      [131, corrected.body.correctionId],
      [100, null],
      [101, null],
    ]);

    await sut.completeRun(run);
    const verdict = await sut.verdictOf(run.runId);
    expect(verdict.criteria.find((c: { metric: string }) => c.metric === 'rack.power')).toMatchObject({ measured: 101, result: 'PASS' });
  });

  it('refuses a correction with nothing to supersede or values of another metric', async () => {
    const tess = await sut.as('tess');
    const nothing = await tess
      .post(`/v1/runs/${runId}/measurements/corrections`)
      .send({ metric: 'training.tokens_per_s', reason: 'wrong harness build', measurements: [] })
      .expect(422);
    expect(nothing.body.code).toBe('NOTHING_TO_CORRECT');
    const before = await sut.measurementCount(runId);
    const mixed = await tess
      .post(`/v1/runs/${runId}/measurements/corrections`)
      .send({
        metric: 'rack.power',
        reason: 'recalibrated',
        measurements: [power(1), { metric: 'training.tokens_per_s', value: 1, unit: 'tokens/s' }],
      })
      .expect(400);
    expect(mixed.body.details[0].field).toBe('measurements[1]');
    expect(await sut.measurementCount(runId)).toBe(before);
  });

  it('refuses measurements for a run that is not running, naming its state (409), and writes nothing', async () => {
    const completed = await sut.startRun(sut.fact('RK-M-4', 'G5', 'burn-in'));
    await sut.completeRun(completed);
    await sut.verdictOf(completed.runId);
    const closed = await post(completed.runId, { measurements: [power(1)] });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('is COMPLETED since');
    expect(closed.body.message).toContain('up to 0 s after completion');

    const scheduled = sut.fact('RK-M-3', 'G5', 'burn-in');
    await sut.emit(RunScheduled, scheduled);
    const response = await waitFor('the scheduled run known', async () => {
      const found = await post(scheduled.runId, { measurements: [power(1)] });
      return found.status === 404 ? undefined : found;
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('RUN_NOT_OPEN');
    expect(response.body.message).toContain(`run ${scheduled.runId} is SCHEDULED`);
    expect(await sut.measurementCount(scheduled.runId)).toBe(0);
    expect(await sut.measurementCount(completed.runId)).toBe(0);
  });

  it('with Prefer: wait, takes a batch for a run not yet started once it starts, and refuses one for an ended run at once', async () => {
    const waiting = { prefer: 'wait=30' };
    const scheduled = sut.fact('RK-M-5', 'G5', 'burn-in');
    await sut.emit(RunScheduled, scheduled);
    await waitFor(
      'the scheduled run known',
      async () => (await post(scheduled.runId, { measurements: [power(1)] })).status === 409 || undefined,
    );
    const taken = post(scheduled.runId, { measurements: [power(2)] }, waiting);
    await sut.emit(RunStarted, { ...scheduled, occurredAt: new Date().toISOString() });
    const answer = await taken;
    expect(answer.status).toBe(201);
    expect(answer.headers['preference-applied']).toBe('wait=30');
    expect(await sut.measurementCount(scheduled.runId)).toBe(1);

    // An ended run never opens again: waiting for an event would only hold the harness for the whole wait.
    const ended = await sut.startRun(sut.fact('RK-M-6', 'G5', 'burn-in'));
    await sut.completeRun(ended);
    await sut.verdictOf(ended.runId);
    const asked = Date.now();
    const refused = await post(ended.runId, { measurements: [power(1)] }, waiting);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RUN_NOT_OPEN');
    expect(refused.body.message).toContain('is COMPLETED since');
    expect(Date.now() - asked).toBeLessThan(10_000); // answered, not held for the 30 s asked for
    expect(await sut.measurementCount(ended.runId)).toBe(0);
  });
});
