import request from 'supertest';
import { ResultsHarness } from './support/results.harness';

const ingested = (text: string, source: string) =>
  Number(new RegExp(`^rackeval_measurements_ingested_total\\{source="${source}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);

describe('measurements ingested (GET /metrics)', () => {
  let sut: ResultsHarness;
  let runId: string;
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('G7');
    await sut.publishPlan('G7');
    runId = (await sut.startRun(sut.fact('RK-MM-1', 'G7', 'burn-in'))).runId;
  });
  afterAll(() => sut?.dispose());

  const scrape = async () => (await request(sut.url).get('/metrics').expect(200)).text;
  const power = (value: number, unit = 'kW') => ({ metric: 'rack.power', value, unit });

  it('counts the samples stored, not those of a refused batch or of an idempotent replay', async () => {
    const tess = await sut.as('tess');
    await tess
      .post(`/v1/runs/${runId}/measurements`)
      .send({ measurements: [power(1), power(2, 'C')] })
      .expect(422);
    expect(ingested(await scrape(), 'batch')).toBe(0);

    for (let attempt = 0; attempt < 2; attempt++) {
      await tess
        .post(`/v1/runs/${runId}/measurements`)
        .set('idempotency-key', 'metrics-batch-1')
        .send({ measurements: [power(1), power(2), power(3)] })
        .expect(201);
    }
    expect(ingested(await scrape(), 'batch')).toBe(3);
    expect(await sut.measurementCount(runId)).toBe(3);
  });
});
