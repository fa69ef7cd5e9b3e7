import { TestRunHarness } from './support/test-run.harness';

const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 2, metrics: ['gpu_temp_max'] };
const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');

/** Input PostgreSQL would refuse (NUL in text and jsonb, integers past int4 or int8) is a 400 naming the field, and nothing is written. */
describe('test-run: input PostgreSQL would refuse', () => {
  let sut: TestRunHarness;
  beforeAll(async () => {
    sut = await TestRunHarness.start();
    await sut.learnGeneration('G1');
  });
  afterAll(() => sut?.dispose());

  const planCount = async () => (await sut.sql(`SELECT count(*)::int AS n FROM test_plan`))[0].n;

  it('refuses NUL in a suite name (jsonb refuses it) and in an abort reason, naming the field', async () => {
    const before = await planCount();
    const plan = await sut.as('admin').put('/v1/test-plans/G1', { suites: [{ ...burnIn, name: 'Burn\u0000in' }] });
    expect(plan.status).toBe(400);
    expect(plan.body.details).toEqual([{ field: 'suites[0].name', message: 'must not contain NUL characters (\\u0000)' }]);
    expect(await planCount()).toBe(before);
    const abort = await sut.as('engineer').post('/v1/runs/00000000-0000-4000-8000-000000000000/abort', { reason: 'x\u0000' });
    expect(abort.status).toBe(400);
    expect(abort.body.details[0].field).toBe('reason');
  });

  it.each(['1.5', '99999999999', 'abc', '-1'])('refuses ?version=%s with 400 naming it', async (version) => {
    const response = await sut.as('viewer').get(`/v1/test-plans/G1?version=${version}`);
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('version');
  });

  it('refuses maxAttempts past int4 or fractional', async () => {
    for (const maxAttempts of [2 ** 31, 1.5, 1e300]) {
      const response = await sut.as('admin').put('/v1/test-plans/G1', { suites: [{ ...burnIn, maxAttempts }] });
      expect(response.status).toBe(400);
      expect(response.body.details[0].field).toBe('suites[0].maxAttempts');
    }
  });

  it.each([
    ['a sequence past int8', ['9223372036854775808']],
    ['a sequence that is text', ['abc']],
    ['an object', [{ seq: 1 }]],
  ])('answers a crafted run-list cursor (%s) with 400 INVALID_CURSOR', async (_, position) => {
    const response = await sut.as('viewer').get(`/v1/runs?cursor=${crafted(position)}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CURSOR', details: [{ field: 'cursor' }] });
  });

  it('answers a crafted bay-list cursor with 400 INVALID_CURSOR', async () => {
    const response = await sut.as('viewer').get(`/v1/bays?cursor=${crafted(['BAY\u00001'])}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_CURSOR');
  });
});
