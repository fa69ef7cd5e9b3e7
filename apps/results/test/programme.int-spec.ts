import { PLAN, ResultsHarness } from './support/results.harness';

type Measure = { tps: number; component: string };

describe('results: programme figures', () => {
  let sut: ResultsHarness;

  /** One burn-in attempt: tokens/s from one component, 100 kW; waits for its verdict. */
  const attempt = async (serial: string, n: number, { tps, component }: Measure) => {
    const run = await sut.startRun(sut.fact(serial, 'PR1', 'burn-in', n));
    const measurements = [
      { metric: 'training.tokens_per_s', value: tps, unit: 'tokens/s', component },
      { metric: 'rack.power', value: 100, unit: 'kW' },
    ];
    await (await sut.as('tess')).post(`/v1/runs/${run.runId}/measurements`).send({ measurements }).expect(201);
    await sut.completeRun(run);
    return sut.verdictOf(run.runId);
  };
  const evaluated = (serial: string, outcome: string) =>
    sut.sql(`SELECT 1 FROM rack_evaluation WHERE rack_serial = $1 AND outcome = $2`, [serial, outcome]).then((rows) => rows.length === 1);

  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria('PR1');
    await sut.publishCriteria('PR2');
    await sut.publishPlan('PR1', [PLAN[0]]);
    // RK-PR-1 passes first time; RK-PR-2 fails then passes; RK-PR-3 fails both attempts.
    await attempt('RK-PR-1', 1, { tps: 1200, component: 'node7' });
    await attempt('RK-PR-2', 1, { tps: 900, component: 'node1' });
    await attempt('RK-PR-2', 2, { tps: 1100, component: 'node2' });
    await attempt('RK-PR-3', 1, { tps: 800, component: 'node1' });
    await attempt('RK-PR-3', 2, { tps: 850, component: 'node2' });
    const { waitFor } = await import('@rackeval/testing');
    await waitFor(
      'evaluations concluded',
      async () =>
        (await evaluated('RK-PR-1', 'PASSED')) && (await evaluated('RK-PR-2', 'PASSED')) && (await evaluated('RK-PR-3', 'FAILED')),
    );
  });
  afterAll(() => sut?.dispose());

  it('gives first-pass yield and the evaluation pass rate per generation', async () => {
    const { body } = await (await sut.as('vic')).get('/v1/programme').expect(200);
    expect(body.generations.map((g: { generation: string }) => g.generation)).toEqual(['PR1', 'PR2']);
    const [pr1, pr2] = body.generations;
    expect(pr1).toMatchObject({
      judgedRuns: 5,
      failedRuns: 3,
      evaluations: { concluded: 3, passed: 2, failed: 1, passRatePct: '66.67' },
      // Only RK-PR-1 passed with no failed run on the way.
      firstPassYield: { firstPass: 1, concluded: 3, pct: '33.33' },
    });
    expect(pr2).toMatchObject({ judgedRuns: 0, evaluations: { concluded: 0, passRatePct: null }, firstPassYield: { pct: null } });
  });

  it("sets each criterion's measured distribution beside its target band, with its failures", async () => {
    const { body } = await (await sut.as('fiona')).get('/v1/programme?generation=PR1').expect(200);
    const [tps, power, inlet] = body.generations[0].criteria;
    // Judged figures 800, 850, 900, 1100, 1200 against ≥ 1000; percentiles interpolate.
    expect(tps).toEqual({
      metric: 'training.tokens_per_s',
      unit: 'tokens/s',
      category: 'performance',
      required: true,
      comparator: 'gte',
      targetMin: 1000,
      targetMax: null,
      judged: 5,
      failed: 3,
      passRatePct: '40.00',
      p10: 820,
      median: 900,
      p90: 1160,
      min: 800,
      max: 1200,
    });
    expect(power).toMatchObject({
      metric: 'rack.power',
      comparator: 'lte',
      targetMin: null,
      targetMax: 120,
      judged: 5,
      failed: 0,
      passRatePct: '100.00',
      median: 100,
    });
    // A criterion no run has been judged on yet: its band, and no distribution.
    expect(inlet).toMatchObject({
      metric: 'coolant.inlet_temp',
      targetMin: 18,
      targetMax: 32,
      judged: 0,
      failed: 0,
      passRatePct: null,
      median: null,
    });
  });

  it('names the components measured out of target in failed runs, most often first', async () => {
    const { body } = await (await sut.as('tariq')).get('/v1/programme/components?generation=PR1').expect(200);
    expect(body.components).toEqual([
      { generation: 'PR1', component: 'node1', metric: 'training.tokens_per_s', runs: 2 },
      { generation: 'PR1', component: 'node2', metric: 'training.tokens_per_s', runs: 1 },
    ]);
  });

  it('refuses a malformed generation naming the field', async () => {
    const refused = await (await sut.as('vic')).get('/v1/programme?generation=x%20y').expect(400);
    expect(JSON.stringify(refused.body)).toContain('generation');
  });
});
