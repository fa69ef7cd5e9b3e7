import { RackReceived, RackReleased, RunAborted, RunCompleted, RunScheduled, RunStarted } from '@rackeval/contracts';
import { rackReceivedData } from '@rackeval/testing';
import request from 'supertest';
import { TestRunHarness } from './support/test-run.harness';

const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 2, metrics: ['gpu_temp_max', 'power_draw_kw'] };
const thermal = { key: 'thermal-soak', name: 'Thermal soak', required: false, maxAttempts: 1, metrics: ['inlet_temp_c'] };

describe('runs', () => {
  let sut: TestRunHarness;
  const schedule = (rackSerial: string, bay: string, suite = 'burn-in') => sut.as('engineer').post('/v1/runs', { rackSerial, suite, bay });
  const act = (id: string, action: 'start' | 'complete' | 'abort', body?: object) =>
    sut.as('engineer').post(`/v1/runs/${id}/${action}`, body);

  beforeAll(async () => {
    sut = await TestRunHarness.start();
    await sut.learnGeneration('G1');
    await sut.publishPlan('G1', [burnIn, thermal]);
    for (const bay of ['BAY-A', 'BAY-B', 'BAY-C', 'BAY-D', 'BAY-E', 'BAY-F', 'BAY-G']) await sut.createBay(bay);
  });
  afterAll(() => sut?.dispose());

  it('makes a rack schedulable only once intake releases it', async () => {
    const unknown = await schedule('RK-REL-1', 'BAY-A').expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_RACK', message: expect.stringContaining('rack RK-REL-1 is unknown to test-run') });

    await sut.receiveRack('RK-REL-1');
    const received = await schedule('RK-REL-1', 'BAY-A').expect(422);
    expect(received.body.code).toBe('RACK_NOT_RELEASED');
    expect(received.body.message).toContain('rack RK-REL-1 is RECEIVED; runs can be scheduled only for racks released for evaluation');
    expect(await sut.runCount('RK-REL-1')).toBe(0);

    await sut.releaseRack('RK-REL-1');
    const scheduled = await schedule('RK-REL-1', 'BAY-A').expect(201);
    expect(scheduled.body).toMatchObject({
      id: expect.any(String),
      state: 'SCHEDULED',
      attempt: 1,
      rackSerial: 'RK-REL-1',
      generation: 'G1',
      suite: 'burn-in',
      required: true,
      maxAttempts: 2,
      planVersion: 1,
      metrics: ['gpu_temp_max', 'power_draw_kw'],
      bay: 'BAY-A',
      site: 'PDX-1',
      scheduledBy: 'tariq',
    });
    await act(scheduled.body.id, 'abort', { reason: 'bay needed elsewhere' }).expect(200);
  });

  it('waits, when the engineer asks with Prefer: wait, for intake to release the rack instead of refusing at once', async () => {
    await sut.receiveRack('RK-WAIT-1');
    const waiting = schedule('RK-WAIT-1', 'BAY-A')
      .set('prefer', 'wait=20')
      .then((response) => response);
    await sut.produceIntake(RackReleased, {
      rackSerial: 'RK-WAIT-1',
      generation: 'G1',
      site: 'PDX-1',
      occurredAt: new Date().toISOString(),
      actor: 'ines',
    });

    const scheduled = await waiting;
    expect(scheduled.status).toBe(201);
    expect(scheduled.headers['preference-applied']).toBe('wait=20');
    expect(scheduled.body).toMatchObject({ rackSerial: 'RK-WAIT-1', state: 'SCHEDULED', attempt: 1 });
    expect(await sut.runCount('RK-WAIT-1')).toBe(1);
    await act(scheduled.body.id, 'abort', { reason: 'bay needed elsewhere' }).expect(200);
  });

  it('gives the refusal once the wait is over when the rack is never released, having written nothing', async () => {
    await sut.receiveRack('RK-WAIT-2');
    const refused = await schedule('RK-WAIT-2', 'BAY-A').set('prefer', 'wait=1').expect(422);
    expect(refused.body.code).toBe('RACK_NOT_RELEASED');
    expect(refused.headers['preference-applied']).toBe('wait=1');
    expect(await sut.runCount('RK-WAIT-2')).toBe(0);
  });

  it('never moves a rack backwards on an intake event older than the last one applied (a dead letter replayed late)', async () => {
    await sut.receiveRack('RK-LATE-1');
    await sut.releaseRack('RK-LATE-1');
    const received = rackReceivedData('RK-LATE-1', { occurredAt: new Date(Date.now() - 60_000).toISOString() });
    await sut.produceIntakeAt(RackReceived, new Date(Date.now() - 60_000), received);

    expect(await sut.sql(`SELECT state FROM known_rack WHERE serial = 'RK-LATE-1'`)).toEqual([{ state: 'RELEASED_FOR_EVALUATION' }]);
    await sut.createBay('BAY-LATE');
    await schedule('RK-LATE-1', 'BAY-LATE').expect(201);
  });

  it('runs the lifecycle, holding the bay while active, and publishes every step with the run facts', async () => {
    await sut.releaseRack('RK-LC-1');
    const first = (await schedule('RK-LC-1', 'BAY-B').expect(201)).body;
    const bays = await sut.as('viewer').get('/v1/bays').expect(200);
    expect(bays.body.items.find((bay: { code: string }) => bay.code === 'BAY-B')).toMatchObject({
      free: false,
      occupiedBy: { runId: first.id, rackSerial: 'RK-LC-1', suite: 'burn-in', state: 'SCHEDULED' },
    });

    const started = await act(first.id, 'start').expect(200);
    expect(started.body).toMatchObject({ state: 'RUNNING', startedBy: 'tariq', startedAt: expect.any(String) });
    const completed = await sut.as('engineer2').post(`/v1/runs/${first.id}/complete`).expect(200);
    expect(completed.body).toMatchObject({ state: 'COMPLETED', completedBy: 'tess', completedAt: expect.any(String) });

    const read = await sut.as('viewer').get(`/v1/runs/${first.id}`).expect(200);
    expect(read.body.history).toEqual([
      { from: null, to: 'SCHEDULED', actor: 'tariq', at: first.scheduledAt, reason: null },
      { from: 'SCHEDULED', to: 'RUNNING', actor: 'tariq', at: started.body.startedAt, reason: null },
      { from: 'RUNNING', to: 'COMPLETED', actor: 'tess', at: completed.body.completedAt, reason: null },
    ]);
    const freed = await sut.as('viewer').get('/v1/bays').expect(200);
    expect(freed.body.items.find((bay: { code: string }) => bay.code === 'BAY-B')).toMatchObject({ free: true, occupiedBy: null });

    const second = (await schedule('RK-LC-1', 'BAY-B').expect(201)).body;
    expect(second.attempt).toBe(2);
    await act(second.id, 'start').expect(200);
    const aborted = await act(second.id, 'abort', { reason: 'coolant alarm' }).expect(200);
    expect(aborted.body).toMatchObject({ state: 'ABORTED', abortedBy: 'tariq', abortReason: 'coolant alarm' });

    const exhausted = await schedule('RK-LC-1', 'BAY-B').expect(422);
    expect(exhausted.body.code).toBe('ATTEMPTS_EXHAUSTED');
    expect(exhausted.body.message).toContain('used 2 of 2 attempts at suite burn-in; DEVICE aborts count');

    const events = await sut.eventsFor('RK-LC-1');
    expect(events.map((event) => event.type)).toEqual([
      RunScheduled.type,
      RunStarted.type,
      RunCompleted.type,
      RunScheduled.type,
      RunStarted.type,
      RunAborted.type,
    ]);
    const facts = { rackSerial: 'RK-LC-1', generation: 'G1', suite: 'burn-in', maxAttempts: 2, required: true, planVersion: 1 };
    const common = { ...facts, incarnation: 1, metrics: burnIn.metrics, bay: 'BAY-B', site: 'PDX-1' };
    expect(events[0].data).toEqual({ ...common, runId: first.id, attempt: 1, occurredAt: first.scheduledAt, actor: 'tariq' });
    expect(events[1].data).toEqual({
      ...common,
      runId: first.id,
      attempt: 1,
      occurredAt: started.body.startedAt,
      actor: 'tariq',
      firstRunOfRack: true,
    });
    expect(events[2].data).toMatchObject({ runId: first.id, attempt: 1, actor: 'tess', occurredAt: completed.body.completedAt });
    expect(events[4].data).toMatchObject({ runId: second.id, attempt: 2, firstRunOfRack: false });
    expect(events[5].data).toMatchObject({ ...facts, runId: second.id, attempt: 2, reason: 'coolant alarm' });
    expect(events[0].headers).toMatchObject({ ce_source: 'rackeval/test-run', ce_subject: 'RK-LC-1' });
  });

  describe('refusals name the rule and write nothing', () => {
    let runsBefore: number;
    beforeEach(async () => (runsBefore = await sut.runCount()));
    afterEach(async () => expect(await sut.runCount()).toBe(runsBefore));

    it('refuses a rack already in an active run (409)', async () => {
      await sut.releaseRack('RK-BUSY');
      const active = (await schedule('RK-BUSY', 'BAY-C').expect(201)).body;
      runsBefore += 1;
      const response = await schedule('RK-BUSY', 'BAY-D', 'thermal-soak').expect(409);
      expect(response.body).toMatchObject({
        code: 'RACK_HAS_ACTIVE_RUN',
        message: expect.stringContaining(`already in active run ${active.id}`),
      });
    });

    it('refuses a bay holding an active run (409) and an unknown bay (422)', async () => {
      await sut.createBay('BAY-HELD');
      await sut.releaseRack('RK-BAY-HOLDER');
      await schedule('RK-BAY-HOLDER', 'BAY-HELD').expect(201);
      runsBefore += 1;
      await sut.releaseRack('RK-BAY');
      const busy = await schedule('RK-BAY', 'BAY-HELD').expect(409);
      expect(busy.body).toMatchObject({ code: 'BAY_OCCUPIED', message: expect.stringContaining('bay BAY-HELD holds active run') });
      const unknown = await schedule('RK-BAY', 'BAY-NOPE').expect(422);
      expect(unknown.body).toMatchObject({
        code: 'UNKNOWN_BAY',
        message: 'bay BAY-NOPE is unknown: schedule runs only in a registered bay',
      });
    });

    it('refuses a suite that is not in the current plan, and a generation without a plan (422)', async () => {
      await sut.releaseRack('RK-SUITE');
      const suite = await schedule('RK-SUITE', 'BAY-D', 'fabric-bandwidth').expect(422);
      expect(suite.body).toMatchObject({
        code: 'SUITE_NOT_IN_PLAN',
        message: expect.stringContaining("suite fabric-bandwidth is not in version 1 of generation G1's test plan"),
      });
      await sut.releaseRack('RK-G9', 'G9');
      const noPlan = await schedule('RK-G9', 'BAY-D').expect(422);
      expect(noPlan.body).toMatchObject({ code: 'NO_TEST_PLAN', message: expect.stringContaining('generation G9 has no test plan') });
    });

    it('refuses a rack that left evaluation, and accepts one intake moved to IN_EVALUATION', async () => {
      await sut.releaseRack('RK-GONE');
      await sut.returnRack('RK-GONE');
      const response = await schedule('RK-GONE', 'BAY-D').expect(422);
      expect(response.body).toMatchObject({ code: 'RACK_NOT_RELEASED', message: expect.stringContaining('rack RK-GONE is RETURNED') });
      await sut.releaseRack('RK-EVAL');
      await sut.changeRackState('RK-EVAL', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION');
      const run = (await schedule('RK-EVAL', 'BAY-D', 'thermal-soak').expect(201)).body;
      runsBefore += 1;
      await act(run.id, 'abort', { reason: 'rack pulled' }).expect(200);
      const again = await schedule('RK-EVAL', 'BAY-D', 'thermal-soak').expect(422);
      expect(again.body).toMatchObject({
        code: 'ATTEMPTS_EXHAUSTED',
        message: expect.stringContaining('used 1 of 1 attempts at suite thermal-soak'),
      });
    });

    it('refuses illegal transitions with 409 naming the current state, and unknown runs', async () => {
      await sut.releaseRack('RK-ILLEGAL');
      const run = (await schedule('RK-ILLEGAL', 'BAY-E').expect(201)).body;
      runsBefore += 1;
      const complete = await act(run.id, 'complete').expect(409);
      expect(complete.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: `run ${run.id} is SCHEDULED; complete is allowed only from RUNNING`,
      });
      await act(run.id, 'abort', { reason: 'done with it' }).expect(200);
      const start = await act(run.id, 'start').expect(409);
      expect(start.body.message).toBe(`run ${run.id} is ABORTED; start is allowed only from SCHEDULED`);
      const read = await sut.as('viewer').get(`/v1/runs/${run.id}`).expect(200);
      expect(read.body).toMatchObject({ state: 'ABORTED', startedAt: null, version: 2 });
      expect((await sut.eventsFor('RK-ILLEGAL')).map((event) => event.type)).toEqual([RunScheduled.type, RunAborted.type]);

      await act('00000000-0000-4000-8000-000000000000', 'start').expect(404);
      await sut.as('viewer').get('/v1/runs/not-a-uuid').expect(400);
      await act(run.id, 'abort', {}).expect(400);
    });

    it('refuses bad input, the wrong role and no token', async () => {
      await sut.releaseRack('RK-AUTH');
      const bad = await sut
        .as('engineer')
        .post('/v1/runs', { rackSerial: 'RK-AUTH', suite: 'burn-in', bay: 'BAY-F', priority: 1 })
        .expect(400);
      expect(bad.body.details).toEqual([{ field: 'priority', message: 'property priority should not exist' }]);
      await sut.as('viewer').post('/v1/runs', { rackSerial: 'RK-AUTH', suite: 'burn-in', bay: 'BAY-F' }).expect(403);
      await sut.as('admin').post('/v1/runs', { rackSerial: 'RK-AUTH', suite: 'burn-in', bay: 'BAY-F' }).expect(403);
      await request(sut.url).post('/v1/runs').send({ rackSerial: 'RK-AUTH', suite: 'burn-in', bay: 'BAY-F' }).expect(401);
      await request(sut.url).get('/v1/runs').expect(401);
      expect(await sut.eventsFor('RK-AUTH')).toEqual([]);
    });
  });

  it('answers a retried schedule with the same Idempotency-Key once', async () => {
    await sut.releaseRack('RK-IDEM');
    const body = { rackSerial: 'RK-IDEM', suite: 'burn-in', bay: 'BAY-F' };
    const first = await sut.as('engineer').post('/v1/runs', body).set('Idempotency-Key', 'schedule-rk-idem-1').expect(201);
    const retry = await sut.as('engineer').post('/v1/runs', body).set('Idempotency-Key', 'schedule-rk-idem-1').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await sut.runCount('RK-IDEM')).toBe(1);
    await act(first.body.id, 'abort', { reason: 'cleanup' }).expect(200);
  });

  describe('under concurrency', () => {
    it('lets one of two simultaneous schedules of a rack through; the other gets 409', async () => {
      await sut.releaseRack('RK-RACE');
      const responses = await Promise.all([schedule('RK-RACE', 'BAY-F'), schedule('RK-RACE', 'BAY-G', 'thermal-soak')]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(responses.find((response) => response.status === 409)!.body.code).toBe('RACK_HAS_ACTIVE_RUN');
      expect(await sut.runCount('RK-RACE')).toBe(1);
      const winner = responses.find((response) => response.status === 201)!.body;
      await act(winner.id, 'abort', { reason: 'cleanup' }).expect(200);
    });

    it('lets one of two racks into a bay at once', async () => {
      await sut.releaseRack('RK-BAY-1');
      await sut.releaseRack('RK-BAY-2');
      const responses = await Promise.all([schedule('RK-BAY-1', 'BAY-G'), schedule('RK-BAY-2', 'BAY-G')]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(responses.find((response) => response.status === 409)!.body.code).toBe('BAY_OCCUPIED');
      const active = await sut.as('viewer').get('/v1/runs?bay=BAY-G&state=SCHEDULED').expect(200);
      expect(active.body.items).toHaveLength(1);
      await act(active.body.items[0].id, 'abort', { reason: 'cleanup' }).expect(200);
    });

    it('lets one of a simultaneous complete and abort win; the loser gets 409 and publishes nothing', async () => {
      await sut.releaseRack('RK-END');
      const run = (await schedule('RK-END', 'BAY-G').expect(201)).body;
      await act(run.id, 'start').expect(200);
      const [completed, aborted] = await Promise.all([act(run.id, 'complete'), act(run.id, 'abort', { reason: 'operator stop' })]);
      expect([completed.status, aborted.status].sort()).toEqual([200, 409]);
      const winner = completed.status === 200 ? 'COMPLETED' : 'ABORTED';
      expect((await sut.as('viewer').get(`/v1/runs/${run.id}`).expect(200)).body).toMatchObject({ state: winner, version: 3 });
      const ending = (await sut.eventsFor('RK-END')).filter((event) => [RunCompleted.type, RunAborted.type].includes(event.type));
      expect(ending).toHaveLength(1);
    });

    it('starts a run once when two starts race', async () => {
      await sut.releaseRack('RK-START');
      const run = (await schedule('RK-START', 'BAY-G').expect(201)).body;
      const responses = await Promise.all([act(run.id, 'start'), sut.as('engineer2').post(`/v1/runs/${run.id}/start`)]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(['ILLEGAL_TRANSITION', 'CONCURRENT_UPDATE']).toContain(responses.find((response) => response.status === 409)!.body.code);
      expect((await sut.eventsFor('RK-START')).filter((event) => event.type === RunStarted.type)).toHaveLength(1);
      await act(run.id, 'abort', { reason: 'cleanup' }).expect(200);
    });

    it('keeps a racing start and abort consistent: a 409 only if the other moved the run first', async () => {
      await sut.releaseRack('RK-SA');
      const run = (await schedule('RK-SA', 'BAY-G').expect(201)).body;
      const [start, abort] = await Promise.all([act(run.id, 'start'), act(run.id, 'abort', { reason: 'operator stop' })]);
      const final = (await sut.as('viewer').get(`/v1/runs/${run.id}`).expect(200)).body;
      expect(final.state).toBe(abort.status === 200 ? 'ABORTED' : 'RUNNING');
      expect(final.startedAt === null).toBe(start.status !== 200);
      expect([start.status, abort.status]).toContain(200);
      if (final.state === 'RUNNING') await act(run.id, 'abort', { reason: 'cleanup' }).expect(200);
    });
  });

  it('lists runs by rack, state, generation and bay, a page at a time', async () => {
    await sut.createBay('BAY-LIST');
    await sut.releaseRack('RK-LIST-1');
    const completedRun = (await schedule('RK-LIST-1', 'BAY-LIST').expect(201)).body;
    await act(completedRun.id, 'start').expect(200);
    await act(completedRun.id, 'complete').expect(200);
    const abortedRun = (await schedule('RK-LIST-1', 'BAY-LIST').expect(201)).body;
    await act(abortedRun.id, 'abort', { reason: 'cleanup' }).expect(200);
    for (const serial of ['RK-LIST-2', 'RK-LIST-3']) {
      await sut.releaseRack(serial);
      const run = (await schedule(serial, 'BAY-LIST').expect(201)).body;
      await act(run.id, 'abort', { reason: 'cleanup' }).expect(200);
    }

    const byRack = await sut.as('viewer').get('/v1/runs?rack=RK-LIST-1').expect(200);
    expect(byRack.body.items.map((run: { attempt: number }) => run.attempt)).toEqual([1, 2]);
    const completed = await sut.as('finance').get('/v1/runs?state=COMPLETED&generation=G1&bay=BAY-LIST').expect(200);
    expect(completed.body.items.map((run: { rackSerial: string }) => run.rackSerial)).toEqual(['RK-LIST-1']);
    const total = await sut.runCount();
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: request.Response = await sut
        .as('viewer')
        .get(`/v1/runs?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...page.body.items.map((run: { id: string }) => run.id));
      cursor = page.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(total);
    await sut.as('viewer').get('/v1/runs?state=PAUSED').expect(400);
    await sut.as('viewer').get('/v1/runs?cursor=bm90LWEtY3Vyc29y').expect(400);
  });
});
