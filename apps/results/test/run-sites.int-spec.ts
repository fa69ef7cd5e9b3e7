import { createHash } from 'node:crypto';
import request from 'supertest';
import { ResultsHarness } from './support/results.harness';

const power = (value: number) => ({ metric: 'rack.power', value, unit: 'kW' });

/** The harness's runs are in bay BAY-1 at site us-west (as test-run's RunScheduled tells). */
describe('a service account limited to a site pushing results', () => {
  let sut: ResultsHarness;
  let westHarness: string;
  let eastHarness: string;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('G9');
    await sut.publishPlan('G9');
    westHarness = await sut.tokens.serviceAccountToken({ name: 'west-harness', site: 'us-west' });
    eastHarness = await sut.tokens.serviceAccountToken({ name: 'east-harness', site: 'us-east' });
  });
  afterAll(() => sut?.dispose());

  const as = (token: string) => ({
    post: (path: string) => request(sut.url).post(path).set('authorization', `Bearer ${token}`),
    get: (path: string) => request(sut.url).get(path).set('authorization', `Bearer ${token}`),
  });

  it('pushes measurements to a run at its site, recorded as the account', async () => {
    const run = await sut.startRun(sut.fact('RK-SITE-R1', 'G9', 'burn-in'));
    await as(westHarness)
      .post(`/v1/runs/${run.runId}/measurements`)
      .send({ measurements: [power(100)] })
      .expect(201);
    const [row] = await sut.sql<{ recorded_by: string }>(`SELECT recorded_by FROM measurement WHERE run_id = $1`, [run.runId]);
    expect(row.recorded_by).toBe('sa:west-harness');
  });

  it('may not push measurements, corrections, OCPTV streams or uploads to a run at another site (403 SITE_NOT_ALLOWED), and nothing is stored', async () => {
    const run = await sut.startRun(sut.fact('RK-SITE-R2', 'G9', 'burn-in'));
    const east = as(eastHarness);
    const refusals = [
      await east.post(`/v1/runs/${run.runId}/measurements`).send({ measurements: [power(100)] }),
      await east
        .post(`/v1/runs/${run.runId}/measurements/corrections`)
        .send({ reason: 'recalibrated', metric: 'rack.power', measurements: [power(99)] }),
      await east
        .post(`/v1/runs/${run.runId}/ocptv`)
        .set('content-type', 'application/x-ndjson')
        .send('{"schemaVersion":{"major":2,"minor":0},"sequenceNumber":0,"timestamp":"2026-11-29T10:00:00Z"}\n'),
      await east.post(`/v1/runs/${run.runId}/ocptv/uploads`).send({ sha256: createHash('sha256').update('x').digest('hex') }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('SITE_NOT_ALLOWED');
      expect(response.body.message).toBe(`sa:east-harness is limited to site us-east; run ${run.runId} (bay BAY-1) is at site us-west`);
    }
    expect(await sut.measurementCount(run.runId)).toBe(0);
    expect(await sut.sql(`SELECT 1 FROM ocptv_upload WHERE run_id = $1`, [run.runId])).toEqual([]);

    // Reads stay as the role allows.
    await east.get(`/v1/runs/${run.runId}/measurements`).expect(200);
  });

  it('leaves people unlimited, and an unknown run is still a 404', async () => {
    const run = await sut.startRun(sut.fact('RK-SITE-R3', 'G9', 'burn-in'));
    const tess = await sut.as('tess');
    await tess
      .post(`/v1/runs/${run.runId}/measurements`)
      .send({ measurements: [power(100)] })
      .expect(201);
    await as(eastHarness)
      .post('/v1/runs/0b5e1f4c-9a51-4b8e-8f0f-0d8e7e2a9c11/measurements')
      .send({ measurements: [power(1)] })
      .expect(404);
  });
});
