import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService } from '@rackeval/testing';
import { PurchaseOptionConfig } from '../src/config';
import { Api, evaluated, received, sendEvaluation, sendReceived, start } from './fixtures';

const RECEIVED = '2026-01-05T09:00:00.000Z';
const CONCLUDED = '2026-01-15T09:00:00.000Z';
const figure = (metric: string, unit: string, measured: number) => ({ metric, unit, measured, suite: 'training-throughput' });

describe('purchase-option: programme figures', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;
  let api: Api;

  /** A rack received, then (unless only received) evaluated with this performance at 100 kW in the same run. */
  const rack = async (serial: string, outcome: 'PASSED' | 'FAILED' | null, tokensPerSecond = 3200) => {
    await sendReceived(received(serial, 'PP1', { occurredAt: RECEIVED }));
    await api.waitForOption(serial, 'PENDING_EVALUATION');
    if (!outcome) return;
    await sendEvaluation(
      evaluated(serial, 'PP1', {
        outcome,
        occurredAt: CONCLUDED,
        performance: figure('training_throughput', 'tokens/s', tokensPerSecond),
        performanceRunPower: figure('rack_power', 'kW', 100),
        ...(outcome === 'FAILED' ? { failedSuites: ['burn-in'] } : {}),
      }),
    );
    await api.waitForOption(serial, outcome === 'PASSED' ? 'EXERCISABLE' : 'NOT_EXERCISABLE');
  };

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await start(tokens, { LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
    api = new Api(sut.url, tokens);
    // Every exercise is above the approval threshold, so it waits for a second approver.
    await api.activeTerms('PP1', { unitPrice: '3000000.00', currency: 'USD', windowDays: 3650, approvalThreshold: '2000000.00' });
    await api.activeTerms('PP2', { unitPrice: '2500000.00', currency: 'USD', windowDays: 30, approvalThreshold: '5000000.00' });
    // TCO = 3,000,000 + 100 kW × 5 y × 8760 h × PUE 1.2 × 0.10 USD/kWh = 3,525,600 USD; at most 1100 USD per token/s.
    const proposed = await (
      await api.as('fiona')
    )
      .put('/v1/cost-targets/PP1', {
        currency: 'USD',
        performanceUnit: 'tokens/s',
        maxUnitPrice: '3500000.00',
        energyPricePerKwh: '0.10',
        pue: '1.2',
        horizonYears: '5',
        maxTcoPerPerformanceUnit: '1100',
      })
      .expect(201);
    await (
      await api.as('farid')
    )
      .post(`/v1/cost-targets/PP1/versions/${proposed.body.version}/approval`, { approve: true, note: 'agreed' })
      .expect(200);

    await rack('RK-PP-1', 'PASSED', 3200); // TCO/unit 1101.75: misses
    await rack('RK-PP-2', 'PASSED', 3300); // 1068.363636: meets
    await rack('RK-PP-3', 'PASSED', 3600); // 979.333333: meets
    await rack('RK-PP-4', 'FAILED', 2500); // 1410.24: misses
    await rack('RK-PP-5', null);
    const [fiona, farid] = [await api.as('fiona'), await api.as('farid')];
    await fiona.post('/v1/options/RK-PP-2/decision', { decision: 'EXERCISE', rationale: 'meets every target' }).expect(200);
    await fiona.post('/v1/options/RK-PP-3/decision', { decision: 'EXERCISE', rationale: 'best value of the lot' }).expect(200);
    await farid.post('/v1/options/RK-PP-3/approval', { approve: true, note: 'second pair of eyes' }).expect(200);
    await api.waitForOption('RK-PP-3', 'EXERCISED');
  });

  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('counts options by state and sums committed spend and exposure exactly', async () => {
    const { body } = await (await api.as('vic')).get('/v1/programme').expect(200);
    expect(body.generations.map((g: { generation: string }) => g.generation)).toEqual(['PP1', 'PP2']);
    const pp1 = body.generations[0];
    expect(pp1.options).toBe(5);
    expect(Object.fromEntries(pp1.optionsByState.map((s: { state: string; count: number }) => [s.state, s.count]))).toMatchObject({
      PENDING_EVALUATION: 1,
      EXERCISABLE: 1,
      NOT_EXERCISABLE: 1,
      PENDING_APPROVAL: 1,
      EXERCISED: 1,
      DECLINED: 0,
      LAPSED: 0,
    });
    expect(pp1.committedSpend).toEqual([{ currency: 'USD', amount: '3000000.00', options: 1 }]);
    expect(pp1.exposure).toEqual({
      total: [{ currency: 'USD', amount: '6000000.00', options: 2 }],
      exercisable: [{ currency: 'USD', amount: '3000000.00', options: 1 }],
      pendingApproval: [{ currency: 'USD', amount: '3000000.00', options: 1 }],
    });
    expect(pp1.price).toEqual({ termsVersion: 1, unitPrice: '3000000.00', currency: 'USD' });
    expect(pp1.daysToVerdict).toEqual({ verdicts: 4, medianDays: 10, p90Days: 10 });
    // A generation with terms and nothing else: zeros, no money, no value side.
    expect(body.generations[1]).toMatchObject({ options: 0, committedSpend: [], exposure: { total: [] }, costTargets: null, value: null });
  });

  it('judges value as the option evidence does: TCO per performance unit against its target and the cost-verdict pass rate', async () => {
    const { body } = await (await api.as('ines')).get('/v1/programme?generation=PP1').expect(200);
    const { value, costTargets } = body.generations[0];
    expect(costTargets).toMatchObject({ version: 1, currency: 'USD', performanceUnit: 'tokens/s', maxUnitPrice: '3500000.00' });
    expect(value).toMatchObject({
      currency: 'USD',
      performanceUnit: 'tokens/s',
      evaluated: 4,
      meets: 2,
      misses: 2,
      incomplete: 0,
      costVerdictPassRatePct: '50.00',
    });
    expect(value.tcoPerPerformanceUnit.count).toBe(4);
    expect(Number(value.tcoPerPerformanceUnit.target)).toBe(1100);
    // Nearest rank over 979.33, 1068.36, 1101.75, 1410.24: the median is RK-PP-2's own figure.
    const evidence = await api.option('RK-PP-2');
    expect(value.tcoPerPerformanceUnit.median).toBe(evidence.evidence.value.tcoPerPerformanceUnit.value);
    expect(Number(value.tcoPerPerformanceUnit.p10)).toBeCloseTo(979.333333, 6);
    expect(Number(value.tcoPerPerformanceUnit.p90)).toBeCloseTo(1410.24, 6);
    // Each option's own cost verdict agrees with the count.
    const verdicts = await Promise.all(
      ['RK-PP-1', 'RK-PP-2', 'RK-PP-3', 'RK-PP-4'].map(async (serial) => (await api.option(serial)).evidence.value.costVerdict),
    );
    expect(verdicts).toEqual(['MISSES', 'MEETS', 'MEETS', 'MISSES']);
  });

  it('refuses a malformed generation naming the field, and answers every role', async () => {
    const refused = await (await api.as('vic')).get('/v1/programme?generation=a%20b').expect(400);
    expect(JSON.stringify(refused.body)).toContain('generation');
    for (const user of ['ines', 'tariq', 'fiona', 'ada', 'vic']) await (await api.as(user)).get('/v1/programme').expect(200);
  });
});
