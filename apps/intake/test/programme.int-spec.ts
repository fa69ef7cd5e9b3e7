import { RackEvaluationCompleted, RunStarted } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { checks, IntakeHarness } from './intake.fixture';
import { runStarted, verdict } from './support/racks';

const RECEIVED_AT = '2026-11-20T14:05:00Z';
const line = (supplier: string, country: string, unitCost: string) => ({
  partNumber: `P-${supplier}-${country}`,
  category: 'compute',
  quantity: 1,
  unitCost,
  currency: 'USD',
  supplier,
  countryOfOrigin: country,
});
const rack = (serial: string, generation: string, lot: string, usCost: string, twCost?: string) => ({
  serial,
  generation,
  lot,
  bom: [line('Acme', 'US', usCost), ...(twCost ? [line('Beta', 'TW', twCost)] : [])],
});

describe('intake: programme figures and scorecards', () => {
  let sut: IntakeHarness;

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('PG1', '50.00');
    await sut.registerGeneration('PG2', '70.00');
    await sut.registerGeneration('PG3', '60.00');
    // Domestic content 50, 75, 25 and 50 % in PG1 (mean 50.00, sample deviation 20.41); 100 % in PG2.
    await sut
      .post('/v1/deliveries')
      .send({
        reference: 'DEL-PG-1',
        site: 'US-TX-1',
        receivedAt: RECEIVED_AT,
        racks: [
          rack('RK-PG-A1', 'PG1', 'LOT-A', '100.00', '100.00'),
          rack('RK-PG-A2', 'PG1', 'LOT-A', '300.00', '100.00'),
          rack('RK-PG-A3', 'PG1', 'LOT-A', '100.00', '300.00'),
        ],
      })
      .expect(201);
    await sut
      .post('/v1/deliveries')
      .send({
        reference: 'DEL-PG-2',
        site: 'US-TX-1',
        receivedAt: RECEIVED_AT,
        racks: [rack('RK-PG-A4', 'PG1', 'LOT-B', '100.00', '100.00')],
      })
      .expect(201);
    await sut
      .post('/v1/deliveries')
      .send({ reference: 'DEL-PG-3', site: 'US-TX-1', receivedAt: RECEIVED_AT, racks: [rack('RK-PG-B1', 'PG2', 'LOT-A', '100.00')] })
      .expect(201);
    for (const serial of ['RK-PG-A1', 'RK-PG-A2'])
      await sut.post(`/v1/racks/${serial}/inspections`).send({ checks: checks(), outcome: 'ACCEPTED' }).expect(201);
    await sut
      .post('/v1/racks/RK-PG-A3/inspections')
      .send({ checks: checks(['visual-damage']), outcome: 'REJECTED' })
      .expect(201);
    // Evaluations conclude: A1 passes, A2 fails (test-run's start, then results' verdict).
    for (const [serial, outcome] of [
      ['RK-PG-A1', 'PASSED'],
      ['RK-PG-A2', 'FAILED'],
    ] as const) {
      await sut.produce(RunStarted, runStarted(serial, 'PG1'));
      await waitFor(`${serial} in evaluation`, async () => (await sut.get(`/v1/racks/${serial}`)).body.state === 'IN_EVALUATION');
      await sut.produce(
        RackEvaluationCompleted,
        verdict(serial, outcome, { generation: 'PG1', criteriaTotal: 2, criteriaMet: outcome === 'PASSED' ? 2 : 1 }),
      );
      await waitFor(`${serial} ${outcome}`, async () => (await sut.get(`/v1/racks/${serial}`)).body.state === `EVALUATION_${outcome}`);
    }
  });
  afterAll(() => sut?.dispose());

  it('gives every generation its racks by state, deliveries and domestic content against the target', async () => {
    const { body } = await sut.get('/v1/programme', 'vic').expect(200);
    expect(body.generations.map((g: { generation: string }) => g.generation)).toEqual(['PG1', 'PG2', 'PG3']);
    const [pg1, pg2, pg3] = body.generations;
    expect(pg1).toMatchObject({ racks: 4, deliveries: 2 });
    const states = Object.fromEntries(pg1.racksByState.map((s: { state: string; count: number }) => [s.state, s.count]));
    expect(states).toMatchObject({
      RECEIVED: 1,
      REJECTED_AT_INTAKE: 1,
      EVALUATION_PASSED: 1,
      EVALUATION_FAILED: 1,
      IN_EVALUATION: 0,
      PURCHASED: 0,
    });
    expect(pg1.domesticContent).toEqual({
      targetPct: '50.00',
      meanPct: '50.00',
      stddevPct: '20.41',
      minPct: '25.00',
      maxPct: '75.00',
      meetingTarget: 3,
      meetingTargetPct: '75.00',
    });
    expect(pg2.domesticContent).toEqual({
      targetPct: '70.00',
      meanPct: '100.00',
      stddevPct: null,
      minPct: '100.00',
      maxPct: '100.00',
      meetingTarget: 1,
      meetingTargetPct: '100.00',
    });
    // A generation without racks is listed with zeros and no figures, not left out.
    expect(pg3).toMatchObject({
      racks: 0,
      deliveries: 0,
      domesticContent: { meanPct: null, meetingTargetPct: null },
      deliveryToRelease: { released: 0, medianDays: null, p90Days: null },
    });
  });

  it('measures days from arrival to first release over the released racks', async () => {
    const before = (Date.now() - Date.parse(RECEIVED_AT)) / 86_400_000;
    const { body } = await sut.get('/v1/programme?generation=PG1', 'ines').expect(200);
    const { deliveryToRelease } = body.generations[0];
    expect(deliveryToRelease.released).toBe(2);
    expect(deliveryToRelease.medianDays).toBeGreaterThan(before - 1);
    expect(deliveryToRelease.medianDays).toBeLessThanOrEqual(before + 0.01);
    expect(deliveryToRelease.p90Days).toBeGreaterThanOrEqual(deliveryToRelease.medianDays);
  });

  it('filters by generation; an unknown one has no figures, a malformed one is refused naming the field', async () => {
    expect(
      (await sut.get('/v1/programme?generation=PG2').expect(200)).body.generations.map((g: { generation: string }) => g.generation),
    ).toEqual(['PG2']);
    expect((await sut.get('/v1/programme?generation=ZZ9').expect(200)).body.generations).toEqual([]);
    const refused = await sut.get('/v1/programme?generation=not%20a%20code').expect(400);
    expect(JSON.stringify(refused.body)).toContain('generation');
  });

  it('scores suppliers by the failure rate of racks carrying their parts and the US share of their cost, per generation too', async () => {
    const { body } = await sut.get('/v1/programme/suppliers', 'fiona').expect(200);
    const [first, second] = body.suppliers;
    // Equal failure rates (50 %): the one with the same evidence is ordered by name.
    expect(first).toMatchObject({
      supplier: 'Acme',
      currency: 'USD',
      racks: 5,
      concluded: 2,
      failed: 1,
      failureRatePct: '50.00',
      domesticSharePct: '100.00',
      cost: '700.00',
    });
    expect(first.byGeneration).toEqual([
      { generation: 'PG1', racks: 4, concluded: 2, failed: 1, failureRatePct: '50.00', domesticSharePct: '100.00' },
      { generation: 'PG2', racks: 1, concluded: 0, failed: 0, failureRatePct: null, domesticSharePct: '100.00' },
    ]);
    expect(second).toMatchObject({
      supplier: 'Beta',
      racks: 4,
      concluded: 2,
      failed: 1,
      failureRatePct: '50.00',
      domesticSharePct: '0.00',
      domesticCost: '0.00',
    });
  });

  it('scores lots by failure rate, worst first, with their mean domestic content against the target', async () => {
    const { body } = await sut.get('/v1/programme/lots?generation=PG1', 'tariq').expect(200);
    expect(body.lots).toEqual([
      {
        lot: 'LOT-A',
        generation: 'PG1',
        racks: 3,
        concluded: 2,
        failed: 1,
        failureRatePct: '50.00',
        meanDomesticContentPct: '50.00',
        domesticContentTargetPct: '50.00',
      },
      {
        lot: 'LOT-B',
        generation: 'PG1',
        racks: 1,
        concluded: 0,
        failed: 0,
        failureRatePct: null,
        meanDomesticContentPct: '50.00',
        domesticContentTargetPct: '50.00',
      },
    ]);
  });

  it('answers every role and nobody without a token', async () => {
    for (const user of ['ines', 'ada', 'vic', 'tariq', 'fiona']) await sut.get('/v1/programme/lots', user).expect(200);
    await import('supertest').then(({ default: request }) => request(sut.url).get('/v1/programme').expect(401));
  });
});

describe('intake: programme figures are a read model that catches up', () => {
  let sut: IntakeHarness;
  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('PG9', '50.00');
  });
  afterAll(() => sut?.dispose());

  it('answers when the figures were computed, and shows a new rack within seconds', async () => {
    const first = (await sut.get('/v1/programme?generation=PG9').expect(200)).body;
    expect(first.generations[0].racks).toBe(0);
    expect(Date.parse(first.asOf)).toBeLessThanOrEqual(Date.now());
    await sut
      .post('/v1/deliveries')
      .send({ reference: 'DEL-PG-9', site: 'US-TX-1', receivedAt: RECEIVED_AT, racks: [rack('RK-PG-Z1', 'PG9', 'LOT-Z', '100.00')] })
      .expect(201);
    const caughtUp = await waitFor(
      'the new rack in the figures',
      async () => {
        const { body } = await sut.get('/v1/programme?generation=PG9').expect(200);
        return body.generations[0].racks === 1 ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(Date.parse(caughtUp.asOf)).toBeGreaterThan(Date.parse(first.asOf));
  });
});
