import { TestPlanPublished } from '@rackeval/contracts';
import request from 'supertest';
import { TestRunHarness } from './support/test-run.harness';

const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 2, metrics: ['gpu_temp_max', 'power_draw_kw'] };
const fabric = { key: 'fabric-bandwidth', name: 'Fabric bandwidth', required: false, maxAttempts: 1, metrics: ['allreduce_gbps'] };

describe('test plans and bays', () => {
  let sut: TestRunHarness;

  beforeAll(async () => {
    sut = await TestRunHarness.start();
  });
  afterAll(() => sut?.dispose());

  describe('test plans', () => {
    it('refuses a plan for a generation intake has not registered, and writes nothing', async () => {
      const response = await sut
        .as('admin')
        .put('/v1/test-plans/G7', { suites: [burnIn] })
        .expect(422);
      expect(response.body).toMatchObject({
        code: 'UNKNOWN_GENERATION',
        details: [{ field: 'generation', message: 'unknown generation G7' }],
      });
      expect(response.body.message).toContain('generation G7 is unknown');
      const none = await sut.as('viewer').get('/v1/test-plans/G7').expect(404);
      expect(none.body).toMatchObject({ code: 'TEST_PLAN_NOT_FOUND', message: 'generation G7 has no test plan' });
      expect(await sut.sql(`SELECT * FROM test_plan WHERE generation = 'G7'`)).toEqual([]);
    });

    it('publishes versions once intake registered the generation, serving the current and older ones', async () => {
      await sut.learnGeneration('G1');
      const first = await sut.publishPlan('G1', [burnIn]);
      expect(first.body).toMatchObject({ generation: 'G1', version: 1, suites: [burnIn], publishedBy: 'ada' });
      const second = await sut.publishPlan('G1', [burnIn, fabric]);
      expect(second.body.version).toBe(2);

      const current = await sut.as('viewer').get('/v1/test-plans/G1').expect(200);
      expect(current.body).toMatchObject({ version: 2, suites: [burnIn, fabric] });
      const older = await sut.as('engineer').get('/v1/test-plans/G1?version=1').expect(200);
      expect(older.body).toMatchObject({ version: 1, suites: [burnIn] });
      const missing = await sut.as('finance').get('/v1/test-plans/G1?version=9').expect(404);
      expect(missing.body).toMatchObject({ code: 'TEST_PLAN_NOT_FOUND', message: 'generation G1 has no version 9 of the test plan' });

      const events = (await sut.eventsFor('G1')).filter((event) => event.type === TestPlanPublished.type);
      expect(events.map((event) => event.data)).toEqual([
        { generation: 'G1', version: 1, suites: [burnIn], publishedAt: first.body.publishedAt },
        { generation: 'G1', version: 2, suites: [burnIn, fabric], publishedAt: second.body.publishedAt },
      ]);
    });

    it('numbers concurrent publications one after the other', async () => {
      await sut.learnGeneration('G2');
      const responses = await Promise.all([1, 2, 3].map(() => sut.as('admin').put('/v1/test-plans/G2', { suites: [burnIn] })));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(responses.map((response) => response.body.version).sort()).toEqual([1, 2, 3]);
    });

    describe('with a current version 2', () => {
      beforeAll(async () => {
        await sut.learnGeneration('G3');
        await sut.publishPlan('G3', [burnIn]);
        await sut.publishPlan('G3', [burnIn, fabric]);
      });

      it.each([
        ['repeated suite keys', 'suites[1].key', { suites: [burnIn, { ...fabric, key: 'burn-in' }] }],
        ['maxAttempts below 1', 'suites[0].maxAttempts', { suites: [{ ...burnIn, maxAttempts: 0 }] }],
        ['no suite', 'suites', { suites: [] }],
        ['a malformed metric name', 'suites[0].metrics', { suites: [{ ...burnIn, metrics: ['GPU Temp'] }] }],
        ['a repeated metric', 'suites[0].metrics[1]', { suites: [{ ...burnIn, metrics: ['power', 'power'] }] }],
        ['a malformed suite key', 'suites[0].key', { suites: [{ ...burnIn, key: 'Burn In' }] }],
        ['an unknown field', 'suites[0].owner', { suites: [{ ...burnIn, owner: 'x' }] }],
      ])('refuses a plan with %s (400 naming %s) and keeps the current version', async (_case, field, body) => {
        const response = await sut.as('admin').put('/v1/test-plans/G3', body).expect(400);
        expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
        expect((await sut.as('viewer').get('/v1/test-plans/G3').expect(200)).body.version).toBe(2);
      });

      it('lets only admins publish, and only signed-in callers read', async () => {
        await sut
          .as('engineer')
          .put('/v1/test-plans/G3', { suites: [burnIn] })
          .expect(403);
        await request(sut.url)
          .put('/v1/test-plans/G3')
          .send({ suites: [burnIn] })
          .expect(401);
        await request(sut.url).get('/v1/test-plans/G3').expect(401);
        expect((await sut.as('viewer').get('/v1/test-plans/G3').expect(200)).body.version).toBe(2);
      });
    });

    it('refuses a malformed generation code', async () => {
      const response = await sut
        .as('admin')
        .put('/v1/test-plans/g1', { suites: [burnIn] })
        .expect(400);
      expect(response.body.details[0].field).toBe('generation');
    });
  });

  describe('bays', () => {
    it('registers a bay, free until a run holds it', async () => {
      const created = await sut.as('admin').post('/v1/bays', { code: 'BAY-01', site: 'PDX-1' }).expect(201);
      expect(created.body).toMatchObject({ code: 'BAY-01', site: 'PDX-1', free: true, occupiedBy: null, createdBy: 'ada' });
      const list = await sut.as('viewer').get('/v1/bays').expect(200);
      expect(list.body.items).toContainEqual(created.body);
      const ofSite = await sut.as('viewer').get('/v1/bays?site=PDX-1').expect(200);
      expect(ofSite.body.items).toEqual([created.body]);
    });

    it('refuses a known code with 409, naming it, and keeps the first bay', async () => {
      await sut.createBay('BAY-DUP', 'DEN-1');
      const response = await sut.as('admin').post('/v1/bays', { code: 'BAY-DUP', site: 'DEN-2' }).expect(409);
      expect(response.body).toMatchObject({ code: 'BAY_ALREADY_EXISTS', message: 'bay BAY-DUP already exists' });
      const list = await sut.as('viewer').get('/v1/bays?site=DEN-2').expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('refuses bad input, the wrong role and no token', async () => {
      const bad = await sut.as('admin').post('/v1/bays', { code: 'bay 01!', site: 'PDX-1', extra: 1 }).expect(400);
      expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['code', 'extra']);
      await sut.as('engineer').post('/v1/bays', { code: 'BAY-99', site: 'PDX-1' }).expect(403);
      await request(sut.url).post('/v1/bays').send({ code: 'BAY-99', site: 'PDX-1' }).expect(401);
      expect(await sut.sql(`SELECT code FROM bay WHERE code = 'BAY-99'`)).toEqual([]);
    });

    it('pages bays by cursor and filters by site', async () => {
      await sut.createBay('BAY-P1', 'PHX-1');
      await sut.createBay('BAY-P2', 'PHX-1');
      await sut.createBay('BAY-P3', 'PHX-1');
      await sut.createBay('BAY-P4', 'AUS-2');
      const first = await sut.as('viewer').get('/v1/bays?site=PHX-1&limit=2').expect(200);
      expect(first.body.items.map((bay: { code: string }) => bay.code)).toEqual(['BAY-P1', 'BAY-P2']);
      const second = await sut.as('viewer').get(`/v1/bays?site=PHX-1&limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body).toMatchObject({ items: [{ code: 'BAY-P3' }], nextCursor: null });
      const austin = await sut.as('viewer').get('/v1/bays?site=AUS-2').expect(200);
      expect(austin.body.items.map((bay: { code: string }) => bay.code)).toEqual(['BAY-P4']);
      const all = await sut.as('viewer').get('/v1/bays?limit=1').expect(200);
      expect(all.body.items).toHaveLength(1);
      expect(all.body.nextCursor).toEqual(expect.any(String));
    });
  });
});
