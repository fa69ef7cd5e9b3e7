import { powerCriterion, throughputCriterion } from './support/criterion-rules';
import { CRITERIA, ResultsHarness } from './support/results.harness';

describe('acceptance criteria', () => {
  let sut: ResultsHarness;
  beforeAll(async () => (sut = await ResultsHarness.start()));
  afterAll(() => sut?.dispose());

  it('adds a version on every PUT, readable by any role, with default aggregations', async () => {
    await sut.learnGeneration('G2');
    const admin = await sut.as('ada');
    const first = await admin.put('/v1/criteria/G2').send({ criteria: CRITERIA }).expect(200);
    expect(first.body).toMatchObject({ generation: 'G2', version: 1, createdBy: 'ada' });
    const second = await admin
      .put('/v1/criteria/G2')
      .send({ criteria: CRITERIA.slice(0, 2) })
      .expect(200);
    expect(second.body.version).toBe(2);

    const viewer = await sut.as('vic');
    const latest = await viewer.get('/v1/criteria/G2').expect(200);
    expect(latest.body.version).toBe(2);
    // The first two of CRITERIA, each with its comparator's default aggregation: as the verdict specs judge them.
    expect(latest.body.criteria).toEqual([throughputCriterion, powerCriterion]);
    const old = await viewer.get('/v1/criteria/G2?version=1').expect(200);
    expect(old.body.criteria).toHaveLength(4);
    expect(old.body.criteria[2]).toMatchObject({ comparator: 'between', min: 18, max: 32, aggregation: 'p95' });
  });

  it('refuses thresholds that do not fit the comparator, naming each, and writes nothing', async () => {
    const admin = await sut.as('ada');
    const response = await admin
      .put('/v1/criteria/G3')
      .send({
        criteria: [
          { metric: 'rack.power', unit: 'kW', comparator: 'lte', required: true, category: 'power' },
          { metric: 'inlet', unit: 'C', comparator: 'between', min: 30, max: 20, required: true, category: 'thermal' },
          { metric: 'tps', unit: 'tokens/s', comparator: 'gte', max: 5, required: true, category: 'performance' },
        ],
      })
      .expect(400);
    expect(response.body.code).toBe('INVALID_CRITERIA');
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual([
      'criteria[0].max',
      'criteria[1].min',
      'criteria[2].min',
      'criteria[2].max',
    ]);
    await admin.get('/v1/criteria/G3').expect(404);
  });

  it('refuses unknown comparators, categories and aggregations with field names', async () => {
    const admin = await sut.as('ada');
    const response = await admin
      .put('/v1/criteria/G3')
      .send({
        criteria: [
          { metric: 'rack.power', unit: 'kW', comparator: 'lt', max: 1, required: true, category: 'money', aggregation: 'median' },
        ],
      })
      .expect(400);
    const fields = response.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['criteria[0].comparator', 'criteria[0].category', 'criteria[0].aggregation']));
  });

  it('refuses criteria for a generation intake never registered (422 naming it) and writes nothing', async () => {
    const admin = await sut.as('ada');
    const response = await admin.put('/v1/criteria/G99').send({ criteria: CRITERIA }).expect(422);
    expect(response.body).toMatchObject({
      code: 'UNKNOWN_GENERATION',
      details: [{ field: 'generation', message: 'unknown generation G99' }],
    });
    expect(response.body.message).toContain('G99');
    await admin.get('/v1/criteria/G99').expect(404);
  });

  it('lets only admins publish criteria', async () => {
    const engineer = await sut.as('tess');
    await engineer.put('/v1/criteria/G4').send({ criteria: CRITERIA }).expect(403);
    const admin = await sut.as('ada');
    await admin.get('/v1/criteria/G4').expect(404);
  });
});
