import request from 'supertest';
import { TestRunHarness } from './support/test-run.harness';

const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 3, metrics: ['gpu_temp_max'] };

describe('a service account limited to a site', () => {
  let sut: TestRunHarness;
  let eastHarness: string;
  let westHarness: string;
  let anywhereHarness: string;

  const as = (token: string) => ({
    post: (path: string, body?: object) => request(sut.url).post(path).set('authorization', `Bearer ${token}`).send(body),
    get: (path: string) => request(sut.url).get(path).set('authorization', `Bearer ${token}`),
  });
  const refusedForSite = (response: request.Response, site: string) => {
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'SITE_NOT_ALLOWED' });
    expect(response.body.message).toContain('limited to site PDX-1; ');
    expect(response.body.message).toContain(`at site ${site}`);
  };

  beforeAll(async () => {
    sut = await TestRunHarness.start();
    eastHarness = await sut.tokens.serviceAccountToken({ name: 'pdx-harness', site: 'PDX-1' });
    westHarness = await sut.tokens.serviceAccountToken({ name: 'sjc-harness', site: 'SJC-2' });
    anywhereHarness = await sut.tokens.serviceAccountToken({ name: 'fleet-harness' });
    await sut.learnGeneration('G1');
    await sut.publishPlan('G1', [burnIn]);
    await sut.createBay('PDX-BAY-1', 'PDX-1');
    await sut.createBay('SJC-BAY-1', 'SJC-2');
    await sut.createBay('SJC-BAY-2', 'SJC-2');
    for (const serial of ['RK-SITE-1', 'RK-SITE-2', 'RK-SITE-3']) await sut.releaseRack(serial);
  });
  afterAll(() => sut?.dispose());

  it('schedules, starts and completes a run in a bay at its site', async () => {
    const harness = as(eastHarness);
    const run = (await harness.post('/v1/runs', { rackSerial: 'RK-SITE-1', suite: 'burn-in', bay: 'PDX-BAY-1' }).expect(201)).body;
    expect(run).toMatchObject({ site: 'PDX-1', scheduledBy: 'sa:pdx-harness' });
    await harness.post(`/v1/runs/${run.id}/start`).expect(200);
    const completed = await harness.post(`/v1/runs/${run.id}/complete`).expect(200);
    expect(completed.body.state).toBe('COMPLETED');
  });

  it('may not schedule in a bay at another site (403 SITE_NOT_ALLOWED), and nothing is written', async () => {
    refusedForSite(await as(eastHarness).post('/v1/runs', { rackSerial: 'RK-SITE-2', suite: 'burn-in', bay: 'SJC-BAY-1' }), 'SJC-2');
    expect(await sut.runCount('RK-SITE-2')).toBe(0);
  });

  it('may not start, complete or abort a run at another site, which stays as it was; it may still read it', async () => {
    const run = (await as(westHarness).post('/v1/runs', { rackSerial: 'RK-SITE-2', suite: 'burn-in', bay: 'SJC-BAY-1' }).expect(201)).body;
    const harness = as(eastHarness);
    refusedForSite(await harness.post(`/v1/runs/${run.id}/start`), 'SJC-2');
    refusedForSite(await harness.post(`/v1/runs/${run.id}/abort`, { cause: 'OPERATOR', reason: 'wrong bay' }), 'SJC-2');
    await as(westHarness).post(`/v1/runs/${run.id}/start`).expect(200);
    refusedForSite(await harness.post(`/v1/runs/${run.id}/complete`), 'SJC-2');

    const read = await harness.get(`/v1/runs/${run.id}`).expect(200);
    expect(read.body).toMatchObject({ state: 'RUNNING', startedBy: 'sa:sjc-harness' });
    expect(read.body.history.map((h: { to: string }) => h.to)).toEqual(['SCHEDULED', 'RUNNING']);
    await as(westHarness).post(`/v1/runs/${run.id}/complete`).expect(200);
  });

  it('leaves people and accounts without a site unlimited', async () => {
    const anywhere = as(anywhereHarness);
    const run = (await anywhere.post('/v1/runs', { rackSerial: 'RK-SITE-3', suite: 'burn-in', bay: 'SJC-BAY-2' }).expect(201)).body;
    await anywhere.post(`/v1/runs/${run.id}/start`).expect(200);
    await sut.as('engineer').post(`/v1/runs/${run.id}/abort`, { cause: 'OPERATOR', reason: 'done for today' }).expect(200);
  });
});
