import { waitFor } from '@rackeval/testing';
import { ResultsHarness } from './support/results.harness';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('comparisons', () => {
  let sut: ResultsHarness;
  const runs: Record<string, string> = {};
  beforeAll(async () => {
    sut = await ResultsHarness.start();
    const tess = await sut.as('tess');
    for (const generation of ['G11', 'G12']) {
      await sut.publishCriteria(generation);
      await sut.publishPlan(generation);
    }
    const plan: Array<[string, string, number, number]> = [
      ['a', 'G11', 1200, 100],
      ['b', 'G11', 900, 110],
      ['c', 'G12', 2000, 95_000],
    ];
    for (const [name, generation, tps, power] of plan) {
      const run = await sut.startRun(sut.fact(`RK-CMP-${name}`, generation, 'burn-in'));
      const measurements = [
        { metric: 'training.tokens_per_s', value: tps, unit: 'tokens/s' },
        { metric: 'rack.power', value: power, unit: power > 1000 ? 'W' : 'kW' },
      ];
      await tess.post(`/v1/runs/${run.runId}/measurements`).send({ measurements }).expect(201);
      await sut.completeRun(run);
      await sut.verdictOf(run.runId);
      runs[name] = run.runId;
    }
  });
  afterAll(() => sut?.dispose());

  it('compares the distribution and pass rate of a metric across generations', async () => {
    const viewer = await sut.as('vic');
    const response = await viewer.get('/v1/comparisons/generations?metric=training.tokens_per_s&generation=G11,G12').expect(200);
    expect(response.body).toEqual({
      metric: 'training.tokens_per_s',
      asOf: expect.any(String),
      generations: [
        {
          generation: 'G11',
          unit: 'tokens/s',
          runs: 2,
          count: 2,
          min: 900,
          p50: 900,
          p90: 1200,
          max: 1200,
          passed: 1,
          passRatePct: '50.00',
        },
        {
          generation: 'G12',
          unit: 'tokens/s',
          runs: 1,
          count: 1,
          min: 2000,
          p50: 2000,
          p90: 2000,
          max: 2000,
          passed: 1,
          passRatePct: '100.00',
        },
      ],
    });
    expect(response.body.asOf).toMatch(ISO_8601);
  });

  it('shows a verdict reached after the figures were computed once they are recomputed', async () => {
    const viewer = await sut.as('vic');
    await sut.publishCriteria('G13');
    await sut.publishPlan('G13');
    const path = '/v1/comparisons/generations?metric=training.tokens_per_s&generation=G13';
    const before = (await viewer.get(path).expect(200)).body;
    expect(before).toEqual({ metric: 'training.tokens_per_s', asOf: expect.stringMatching(ISO_8601), generations: [] });

    const run = await sut.startRun(sut.fact('RK-CMP-late', 'G13', 'burn-in'));
    const measurements = [
      { metric: 'training.tokens_per_s', value: 1500, unit: 'tokens/s' },
      { metric: 'rack.power', value: 100, unit: 'kW' },
    ];
    await (await sut.as('tess')).post(`/v1/runs/${run.runId}/measurements`).send({ measurements }).expect(201);
    await sut.completeRun(run);
    await sut.verdictOf(run.runId);

    const after = await waitFor(
      'the new verdict in the comparison',
      async () => {
        const { body } = await viewer.get(path).expect(200);
        return body.generations.length > 0 ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(after.generations).toEqual([
      {
        generation: 'G13',
        unit: 'tokens/s',
        runs: 1,
        count: 1,
        min: 1500,
        p50: 1500,
        p90: 1500,
        max: 1500,
        passed: 1,
        passRatePct: '100.00',
      },
    ]);
    expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(before.asOf));
  });

  it('answers a metric nobody measured with no generations, from the one snapshot of every metric', async () => {
    const viewer = await sut.as('vic');
    const { body } = await viewer.get('/v1/comparisons/generations?metric=no.such_metric').expect(200);
    expect(body).toEqual({ metric: 'no.such_metric', asOf: expect.stringMatching(ISO_8601), generations: [] });
    const keys = await sut.sql<{ key: string }>(`SELECT key FROM programme_snapshot ORDER BY key`);
    expect(keys.map((row) => row.key)).toEqual(['comparisons:generations']);
  });

  it('puts every metric of two runs side by side with the difference', async () => {
    const viewer = await sut.as('vic');
    const response = await viewer.get(`/v1/comparisons/runs?left=${runs.a}&right=${runs.c}`).expect(200);
    expect(response.body.left).toMatchObject({ runId: runs.a, generation: 'G11', rackSerial: 'RK-CMP-a' });
    expect(response.body.right).toMatchObject({ runId: runs.c, generation: 'G12' });
    const [power, tps] = response.body.metrics;
    expect(power).toMatchObject({
      metric: 'rack.power',
      left: { unit: 'kW', samples: 1, mean: 100, judged: 100, result: 'PASS' },
      right: { unit: 'kW', mean: 95 },
      difference: { unit: 'kW', mean: -5, meanPct: -5 },
    });
    expect(tps.difference).toMatchObject({ mean: 800, judged: 800 });
    expect(tps.difference.meanPct).toBeCloseTo(66.67, 2);
  });

  it('refuses a comparison without a metric or with an unknown run', async () => {
    const viewer = await sut.as('vic');
    await viewer.get('/v1/comparisons/generations').expect(400);
    await viewer.get(`/v1/comparisons/runs?left=${runs.a}&right=4f2b8c55-0d36-4a8e-9c35-1c0a6b1d2e33`).expect(404);
  });
});
