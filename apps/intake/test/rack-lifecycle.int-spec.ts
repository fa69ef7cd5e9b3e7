import {
  deadLetterTopic,
  OptionDeclined,
  OptionEndedV1,
  OptionExercised,
  OptionLapsed,
  RackEvaluationCompleted,
  RackInspected,
  RackQuarantined,
  RackRejected,
  RackReleased,
  RackReturned,
  RackStateChanged,
  RunStarted,
  Topics,
} from '@rackeval/contracts';
import { CloudEvent } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { readTopic, waitFor, withDatabase } from '@rackeval/testing';
import { DeferredFactsSweeper } from '../src/racks/lifecycle/deferred-facts.sweeper';
import { LifecycleEventsService } from '../src/racks/lifecycle/lifecycle-events.service';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { checks, delivery, IntakeHarness } from './intake.fixture';
import { optionFact, runStarted, verdict } from './support/racks';

describe('intake: rack lifecycle', () => {
  let sut: IntakeHarness;

  // The tests run in any order (jest --randomize): each receives the racks it changes in a delivery of its own.
  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1');
    await sut.registerGeneration('G2');
  });
  afterAll(() => sut?.dispose());

  const receive = (reference: string, serials: string[], generation = 'G1', site?: string) =>
    sut
      .post('/v1/deliveries')
      .send(
        delivery(
          reference,
          serials.map((serial) => ({ serial, generation })),
          site,
        ),
      )
      .expect(201);
  /** A rack that tests only read or are refused on: received (and released) once, by whichever test needs it first. */
  const untouched = new Map<string, Promise<unknown>>();
  const given = (serial: string, state: 'RECEIVED' | 'RELEASED_FOR_EVALUATION') => {
    if (!untouched.has(serial)) {
      const prepare = async () => {
        await receive(`DEL-${serial}`, [serial]);
        if (state === 'RELEASED_FOR_EVALUATION') await inspect(serial, 'ACCEPTED').expect(201);
      };
      untouched.set(serial, prepare());
    }
    return untouched.get(serial);
  };

  const inspect = (serial: string, outcome: string, failed: string[] = [], as = 'ines') =>
    sut
      .post(`/v1/racks/${serial}/inspections`, as)
      .send({ checks: [...checks(failed), { name: 'label-check', passed: true, note: 'extra' }], outcome });
  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;
  const stateIs = (serial: string, state: string) => waitFor(`${serial} ${state}`, async () => (await rack(serial)).state === state);
  const types = async (serial: string) => (await sut.eventsAbout(Topics.intakeRacks, serial)).map((event) => event.type);

  const option = (serial: string): OptionEndedV1 => ({ ...optionFact(serial), rationale: 'per evidence' });

  it('accepting at inspection releases the rack and publishes inspected, released and state-changed', async () => {
    await receive('DEL-L-01', ['RK-L-01']);
    const response = await inspect('RK-L-01', 'ACCEPTED').expect(201);
    expect(response.body).toMatchObject({
      state: 'RELEASED_FOR_EVALUATION',
      inspections: [expect.objectContaining({ outcome: 'ACCEPTED', inspectedBy: 'ines' })],
    });
    expect(response.body.inspections[0].checks).toHaveLength(5);
    expect(response.body.history.map((h: { to: string }) => h.to)).toEqual(['RECEIVED', 'RELEASED_FOR_EVALUATION']);
    await waitFor('released events', async () => (await types('RK-L-01')).includes(RackReleased.type));
    expect(await types('RK-L-01')).toEqual(expect.arrayContaining([RackInspected.type, RackReleased.type, RackStateChanged.type]));
  });

  it('a quarantined rack may be re-inspected; a rejected rack may be returned', async () => {
    await receive('DEL-L-02', ['RK-L-02', 'RK-L-03']);
    await inspect('RK-L-02', 'QUARANTINED', ['coolant-leak-test']).expect(201);
    await inspect('RK-L-02', 'ACCEPTED').expect(201);
    expect((await rack('RK-L-02')).history.map((h: { to: string }) => h.to)).toEqual([
      'RECEIVED',
      'QUARANTINED',
      'RELEASED_FOR_EVALUATION',
    ]);

    await inspect('RK-L-03', 'REJECTED', ['visual-damage']).expect(201);
    const returned = await sut.post('/v1/racks/RK-L-03/return').send({ reason: 'crushed corner' }).expect(200);
    expect(returned.body.state).toBe('RETURNED');
    expect(returned.body.history.at(-1)).toMatchObject({
      from: 'REJECTED_AT_INTAKE',
      to: 'RETURNED',
      actor: 'ines',
      reason: expect.stringContaining('crushed corner'),
    });
    await waitFor('returned event', async () => (await types('RK-L-03')).includes(RackReturned.type));
    expect(await types('RK-L-03')).toEqual(expect.arrayContaining([RackRejected.type, RackReturned.type]));
    await waitFor('quarantined event', async () => (await types('RK-L-02')).includes(RackQuarantined.type));
  });

  it.each([
    ['a missing standard check', 'RK-L-04', { checks: checks().slice(1), outcome: 'ACCEPTED' }, 400, 'shock-tilt-indicators'],
    [
      'accepting with a failed standard check',
      'RK-L-04',
      { checks: checks(['power-on-self-test']), outcome: 'ACCEPTED' },
      422,
      'power-on-self-test',
    ],
    ['an unknown outcome', 'RK-L-04', { checks: checks(), outcome: 'MAYBE' }, 400, 'outcome'],
    ['inspecting a released rack', 'RK-L-09', { checks: checks(), outcome: 'REJECTED' }, 409, 'RELEASED_FOR_EVALUATION'],
    ['an unknown rack', 'RK-NOPE', { checks: checks(), outcome: 'ACCEPTED' }, 404, 'RK-NOPE'],
  ])('refuses %s and writes nothing', async (_, serial, body, status, named) => {
    if (serial !== 'RK-NOPE') await given(serial, serial === 'RK-L-09' ? 'RELEASED_FOR_EVALUATION' : 'RECEIVED');
    const before = await sut.counts();
    const response = await sut.post(`/v1/racks/${serial}/inspections`).send(body).expect(status);
    expect(JSON.stringify(response.body)).toContain(named);
    expect(await sut.counts()).toEqual(before);
  });

  it('refuses a return before rejection, failure, decline or lapse (409 naming the state), the wrong role and no token', async () => {
    await given('RK-L-04', 'RECEIVED');
    const before = await sut.counts();
    const refused = await sut.post('/v1/racks/RK-L-04/return').send({ reason: 'changed our mind' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('RECEIVED') });
    expect(refused.body.message).toContain('after rejection, failure, decline or lapse');
    await sut.post('/v1/racks/RK-L-04/return', 'vic').send({ reason: 'x' }).expect(403);
    await inspect('RK-L-04', 'ACCEPTED', [], 'tariq').expect(403);
    await request(sut.url).post('/v1/racks/RK-L-04/return').send({ reason: 'x' }).expect(401);
    await request(sut.url).get('/v1/racks/RK-L-04').expect(401);
    expect(await sut.counts()).toEqual(before);
  });

  it('follows run started, evaluation passed and option exercised to PURCHASED, recording the causing events', async () => {
    await receive('DEL-L-10', ['RK-L-10']);
    await inspect('RK-L-10', 'ACCEPTED').expect(201);
    const started = await sut.produce(RunStarted, runStarted('RK-L-10'));
    await stateIs('RK-L-10', 'IN_EVALUATION');
    await sut.produce(RunStarted, runStarted('RK-L-10'));
    const passed = await sut.produce(RackEvaluationCompleted, verdict('RK-L-10', 'PASSED'));
    await stateIs('RK-L-10', 'EVALUATION_PASSED');
    const exercised = await sut.produce(OptionExercised, option('RK-L-10'));
    await stateIs('RK-L-10', 'PURCHASED');
    const { history } = await rack('RK-L-10');
    expect(history.slice(2)).toEqual([
      expect.objectContaining({ from: 'RELEASED_FOR_EVALUATION', to: 'IN_EVALUATION', actor: 'tariq', causeEventId: started }),
      expect.objectContaining({ from: 'IN_EVALUATION', to: 'EVALUATION_PASSED', actor: 'rule:evaluation-verdict', causeEventId: passed }),
      expect.objectContaining({ from: 'EVALUATION_PASSED', to: 'PURCHASED', actor: 'fiona', causeEventId: exercised }),
    ]);
  });

  it('applies a verdict that overtook its run-started event, ignores the late run-started, then declines and returns', async () => {
    await receive('DEL-L-11', ['RK-L-11']);
    await inspect('RK-L-11', 'QUARANTINED', ['coolant-leak-test']).expect(201);
    await inspect('RK-L-11', 'ACCEPTED').expect(201);
    await sut.produce(RackEvaluationCompleted, verdict('RK-L-11', 'FAILED'));
    await stateIs('RK-L-11', 'EVALUATION_FAILED');
    await sut.produce(RunStarted, runStarted('RK-L-11'));
    await sut.produce(OptionDeclined, option('RK-L-11'));
    await stateIs('RK-L-11', 'AWAITING_RETURN');
    await sut.post('/v1/racks/RK-L-11/return').send({ reason: 'collected by manufacturer' }).expect(200);
    const { history } = await rack('RK-L-11');
    expect(history.map((h: { to: string }) => h.to)).toEqual([
      'RECEIVED',
      'QUARANTINED',
      'RELEASED_FOR_EVALUATION',
      'IN_EVALUATION',
      'EVALUATION_FAILED',
      'AWAITING_RETURN',
      'RETURNED',
    ]);
    expect(history[3].reason).toContain('verdict arrived before the run-started event');
  });

  it('holds an option lapse that overtook the verdict until the verdict arrives', async () => {
    await receive('DEL-L-05', ['RK-L-05']);
    await inspect('RK-L-05', 'ACCEPTED').expect(201);
    await sut.produce(RunStarted, runStarted('RK-L-05'));
    await stateIs('RK-L-05', 'IN_EVALUATION');
    const lapsed = await sut.produce(OptionLapsed, option('RK-L-05'));
    await waitFor('the lapse held back', async () => (await sut.deferred()).includes(lapsed));
    expect((await rack('RK-L-05')).state).toBe('IN_EVALUATION');
    await sut.produce(RackEvaluationCompleted, verdict('RK-L-05', 'PASSED'));
    await stateIs('RK-L-05', 'AWAITING_RETURN');
    const { history } = await rack('RK-L-05');
    expect(history.slice(-2)).toEqual([
      expect.objectContaining({ from: 'IN_EVALUATION', to: 'EVALUATION_PASSED' }),
      expect.objectContaining({
        from: 'EVALUATION_PASSED',
        to: 'AWAITING_RETURN',
        actor: 'rule:option-expiry',
        reason: expect.stringContaining('lapsed'),
      }),
    ]);
  });

  it('dead-letters an event about an unknown rack or one that contradicts the rack, and keeps consuming', async () => {
    await receive('DEL-L-06', ['RK-L-06']);
    const unknown = await sut.produce(RunStarted, runStarted('RK-GHOST'));
    const contradicting = await sut.produce(RunStarted, runStarted('RK-L-06'));
    const dead = await waitFor('two dead letters', async () => {
      const found = (await readTopic(deadLetterTopic('intake'))).filter((m) => [unknown, contradicting].includes(m.headers.ce_id));
      return found.length === 2 ? found : undefined;
    });
    await sut.post('/v1/racks/RK-L-06/inspections').send({ checks: checks(), outcome: 'ACCEPTED' }).expect(201);
    await sut.produce(RunStarted, runStarted('RK-L-06'));
    await stateIs('RK-L-06', 'IN_EVALUATION');
    const byId = Object.fromEntries(dead.map((m) => [m.headers.ce_id, m.headers['dlq-error']]));
    expect(byId[unknown]).toContain('RK-GHOST is not known');
    expect(byId[contradicting]).toContain('never released');
  });

  it('ignores a declined or lapsed option for a rack rejected at intake (no transition, no dead letter); it can still be returned', async () => {
    await sut
      .post('/v1/deliveries')
      .send(delivery('DEL-N', [{ serial: 'RK-N-01', generation: 'G2' }]))
      .expect(201);
    await inspect('RK-N-01', 'REJECTED', ['coolant-leak-test']).expect(201);
    const before = await rack('RK-N-01');
    expect(before.state).toBe('REJECTED_AT_INTAKE');
    const ended = { ...option('RK-N-01'), generation: 'G2' };
    const declined = await sut.produce(OptionDeclined, ended);
    const lapsed = await sut.produce(OptionLapsed, ended);
    await waitFor('both option events consumed', async () => (await sut.consumed([declined, lapsed])).length === 2);
    expect((await rack('RK-N-01')).history).toEqual(before.history);
    expect(await sut.deferred()).not.toEqual(expect.arrayContaining([declined]));

    const returned = await sut.post('/v1/racks/RK-N-01/return').send({ reason: 'collected by manufacturer' }).expect(200);
    expect(returned.body.history.map((h: { to: string }) => h.to)).toEqual(['RECEIVED', 'REJECTED_AT_INTAKE', 'RETURNED']);
    const late = await sut.produce(OptionLapsed, ended);
    await waitFor('the late lapse consumed', async () => (await sut.consumed([late])).length === 1);
    expect((await rack('RK-N-01')).state).toBe('RETURNED');
    const dead = (await readTopic(deadLetterTopic('intake'))).filter((m) => [declined, lapsed, late].includes(m.headers.ce_id));
    expect(dead).toEqual([]);
  });

  it('lists racks by generation, state, site and serial prefix with stable cursor pages', async () => {
    // A generation, a serial prefix and a site of the test's own: what other tests receive is not listed.
    const listed = ['RK-LIST-01', 'RK-LIST-02', 'RK-LIST-03', 'RK-LIST-04', 'RK-LIST-05', 'RK-LIST-06', 'RK-LIST-07', 'RK-LIST-08'];
    await sut.registerGeneration('GL');
    await receive('DEL-LIST', listed, 'GL');
    await receive('DEL-M', ['RK-M-01'], 'G2', 'US-AZ-2');
    for (const serial of ['RK-LIST-01', 'RK-LIST-02', 'RK-LIST-03', 'RK-LIST-05', 'RK-LIST-06'])
      await inspect(serial, 'ACCEPTED').expect(201);

    const page1 = await sut.get('/v1/racks?generation=GL&limit=3').expect(200);
    expect(page1.body.items.map((r: { serial: string }) => r.serial)).toEqual(['RK-LIST-01', 'RK-LIST-02', 'RK-LIST-03']);
    const page2 = await sut.get(`/v1/racks?generation=GL&limit=3&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items.map((r: { serial: string }) => r.serial)).toEqual(['RK-LIST-04', 'RK-LIST-05', 'RK-LIST-06']);
    const page3 = await sut.get(`/v1/racks?generation=GL&limit=3&cursor=${page2.body.nextCursor}`).expect(200);
    expect(page3.body).toMatchObject({ items: [{ serial: 'RK-LIST-07' }, { serial: 'RK-LIST-08' }], nextCursor: null });
    const received = await sut.get('/v1/racks?state=RECEIVED&serialPrefix=RK-LIST-0').expect(200);
    expect(received.body.items.map((r: { serial: string }) => r.serial)).toEqual(['RK-LIST-04', 'RK-LIST-07', 'RK-LIST-08']);
    const site = await sut.get('/v1/racks?site=US-AZ-2', 'fiona').expect(200);
    expect(site.body.items).toEqual([
      expect.objectContaining({ serial: 'RK-M-01', generation: 'G2', domesticContentPct: '92.31', meetsDomesticContentTarget: true }),
    ]);
    await sut.get('/v1/racks?state=LOST').expect(400);
    await sut.get('/v1/racks?cursor=garbage').expect(400);
  });

  it('applies a verdict and an option end that arrive together on their two topics in either order, for every rack (no write skew)', async () => {
    const racing = Array.from({ length: 12 }, (_, i) => `RK-RACE-${String(i).padStart(2, '0')}`);
    await sut
      .post('/v1/deliveries')
      .send(
        delivery(
          'DEL-RACE',
          racing.map((serial) => ({ serial, generation: 'G1' })),
        ),
      )
      .expect(201);
    for (const serial of racing) await inspect(serial, 'ACCEPTED').expect(201);
    await Promise.all(racing.map((serial) => sut.produce(RunStarted, runStarted(serial))));
    await Promise.all(racing.map((serial) => stateIs(serial, 'IN_EVALUATION')));

    const lapses = await Promise.all(
      racing.map(async (serial, i) => {
        const [lapse] = await Promise.all(
          i % 2
            ? [sut.produce(OptionLapsed, option(serial)), sut.produce(RackEvaluationCompleted, verdict(serial, 'PASSED'))]
            : [sut.produce(OptionLapsed, option(serial)), sut.produce(RackEvaluationCompleted, verdict(serial, 'FAILED'))],
        );
        return lapse;
      }),
    );
    await Promise.all(racing.map((serial) => stateIs(serial, 'AWAITING_RETURN')));
    const unresolved = await sut.unresolvedDeferrals();
    expect(lapses.filter((id) => unresolved.includes(id))).toEqual([]);
  });

  it('replays an option end deferred by a transaction still open when the verdict is applied (the verdict waits on the rack lock)', async () => {
    await sut
      .post('/v1/deliveries')
      .send(delivery('DEL-SKEW', [{ serial: 'RK-SKEW-1', generation: 'G1' }]))
      .expect(201);
    await inspect('RK-SKEW-1', 'ACCEPTED').expect(201);
    await sut.produce(RunStarted, runStarted('RK-SKEW-1'));
    await stateIs('RK-SKEW-1', 'IN_EVALUATION');
    const lifecycle = sut.service.app.get(LifecycleEventsService);
    const unitOfWork = sut.service.app.get(UnitOfWork);
    const cloudEvent = <T>(data: T) => ({ id: randomUUID(), correlationid: randomUUID(), data }) as unknown as CloudEvent<T>;

    // The lapse is deferred in a transaction that stays open 400 ms; the verdict starts 100 ms in.
    const lapse = unitOfWork.run(async (tx) => {
      await lifecycle.optionEnded(cloudEvent(option('RK-SKEW-1')), tx, 'lapsed');
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const passed = unitOfWork.run((tx) => lifecycle.evaluationCompleted(cloudEvent(verdict('RK-SKEW-1', 'PASSED')), tx));
    await Promise.all([lapse, passed]);

    expect((await rack('RK-SKEW-1')).state).toBe('AWAITING_RETURN');
  });

  it('resolves a deferred option end left behind for a rack that already has its verdict, on the next sweep', async () => {
    await sut
      .post('/v1/deliveries')
      .send(delivery('DEL-SWEEP', [{ serial: 'RK-SWEEP-1', generation: 'G1' }]))
      .expect(201);
    await inspect('RK-SWEEP-1', 'ACCEPTED').expect(201);
    await sut.produce(RunStarted, runStarted('RK-SWEEP-1'));
    await sut.produce(RackEvaluationCompleted, verdict('RK-SWEEP-1', 'FAILED'));
    await stateIs('RK-SWEEP-1', 'EVALUATION_FAILED');
    const schema = sut.service.config.DATABASE_SCHEMA;
    const stranded = randomUUID();
    await withDatabase((db) =>
      db.query(
        `INSERT INTO "${schema}".deferred_rack_event (event_id, rack_serial, fact, actor, reason, occurred_at, deferred_at)
         VALUES ($1, 'RK-SWEEP-1', 'option-ended', 'fiona', 'option declined by fiona: stranded', now(), now() - interval '1 hour')`,
        [stranded],
      ),
    );

    await sut.service.app.get(DeferredFactsSweeper).sweep(new Date());

    expect((await rack('RK-SWEEP-1')).state).toBe('AWAITING_RETURN');
    expect(await sut.unresolvedDeferrals()).not.toContain(stranded);
  });

  it('lets one of two simultaneous inspections of a rack through; the other gets 409 and writes nothing', async () => {
    await sut
      .post('/v1/deliveries')
      .send(delivery('DEL-TWICE', [{ serial: 'RK-TWICE-1', generation: 'G1' }]))
      .expect(201);
    const answers = await Promise.all([inspect('RK-TWICE-1', 'ACCEPTED'), inspect('RK-TWICE-1', 'ACCEPTED')]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body.code).toBe('CONCURRENT_UPDATE');
    const { inspections, history } = await rack('RK-TWICE-1');
    expect(inspections).toHaveLength(1);
    expect(history.map((h: { to: string }) => h.to)).toEqual(['RECEIVED', 'RELEASED_FOR_EVALUATION']);
    await waitFor('the release published', async () => (await types('RK-TWICE-1')).includes(RackReleased.type));
    expect((await types('RK-TWICE-1')).filter((type) => type === RackReleased.type)).toHaveLength(1);
  });
});
