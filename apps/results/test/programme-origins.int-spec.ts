import { EventDefinition, RackCorrected, RackReceived, RackReceivedV1, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { PLAN, ResultsHarness } from './support/results.harness';

const GENERATION = 'OR1';
type Origin = { lot: string | null; concluded: number; failed: number; failureRatePct: string | null; failedRuns: number };

describe('results: programme failures by lot and by supplier', () => {
  let sut: ResultsHarness;

  const received = (rackSerial: string, lot: string, suppliers?: string[]): RackReceivedV1 => ({
    rackSerial,
    generation: GENERATION,
    occurredAt: new Date().toISOString(),
    actor: 'ines',
    deliveryReference: `DLV-${rackSerial}`,
    site: 'us-west',
    lot,
    domesticContentPct: '40.00',
    domesticContentTargetPct: '50.00',
    bomCost: '1000.00',
    bomCurrency: 'USD',
    ...(suppliers ? { suppliers } : {}),
  });
  const fromIntake = <T extends object>(definition: EventDefinition<T>, data: T) =>
    sut.emitFrom('rackeval/intake', Topics.intakeRacks, definition, data);

  /** One burn-in attempt judged PASS (1200 tokens/s) or FAIL (800 against ≥ 1000). */
  const attempt = async (serial: string, n: number, pass: boolean) => {
    const run = await sut.startRun(sut.fact(serial, GENERATION, 'burn-in', n));
    const measurements = [
      { metric: 'training.tokens_per_s', value: pass ? 1200 : 800, unit: 'tokens/s' },
      { metric: 'rack.power', value: 100, unit: 'kW' },
    ];
    await (await sut.as('tess')).post(`/v1/runs/${run.runId}/measurements`).send({ measurements }).expect(201);
    await sut.completeRun(run);
    return sut.verdictOf(run.runId);
  };

  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.publishCriteria(GENERATION);
    await sut.publishPlan(GENERATION, [PLAN[0]]);
    // What intake tells results: two racks of lot L-A; one received in L-B and corrected into L-C
    // with a new BOM; one received by an older intake whose events name no suppliers.
    await fromIntake(RackReceived, received('RK-OR-1', 'L-A', ['Foxconn', 'Vertiv']));
    await fromIntake(RackReceived, received('RK-OR-2', 'L-A', ['Foxconn', 'Vertiv']));
    await fromIntake(RackReceived, received('RK-OR-3', 'L-B', ['Quanta']));
    await fromIntake(RackCorrected, {
      ...{ rackSerial: 'RK-OR-3', generation: GENERATION, occurredAt: new Date().toISOString(), actor: 'ines', site: 'us-west' },
      ...{ domesticContentPct: '40.00', domesticContentTargetPct: '50.00', bomCost: '1200.00', bomCurrency: 'USD' },
      changed: ['lot', 'bom'],
      reason: 'lot label misread at the dock; two trays replaced',
      lot: 'L-C',
      suppliers: ['Delta', 'Quanta'],
    });
    await fromIntake(RackReceived, received('RK-OR-4', 'L-B'));
    await waitFor(
      'origins learnt',
      async () => (await sut.sql(`SELECT 1 FROM rack_origin WHERE lot = 'L-C' OR rack_serial = 'RK-OR-4'`)).length === 2,
    );

    await attempt('RK-OR-1', 1, true); // passes
    await attempt('RK-OR-2', 1, false); // fails both attempts: evaluation FAILED
    await attempt('RK-OR-2', 2, false);
    await attempt('RK-OR-3', 1, false); // fails, then passes: evaluation PASSED with one failed run
    await attempt('RK-OR-3', 2, true);
    await attempt('RK-OR-4', 1, false); // fails both: evaluation FAILED, suppliers unknown
    await attempt('RK-OR-4', 2, false);
    await attempt('RK-OR-5', 1, false); // never heard of from intake; one attempt left, still in evaluation
    await waitFor(
      'evaluations concluded',
      async () =>
        (await sut.sql(`SELECT 1 FROM rack_evaluation WHERE generation = $1 AND status = 'CONCLUDED'`, [GENERATION])).length === 4,
    );
  });
  afterAll(() => sut?.dispose());

  it('counts failed evaluations by lot against the concluded ones, with the failed runs beside; unknown lot last', async () => {
    const { body } = await (await sut.as('vic')).get(`/v1/programme?generation=${GENERATION}`).expect(200);
    const [figures] = body.generations;
    expect(figures.failuresByLot).toEqual<Origin[]>([
      // L-B and L-A each lost one rack; L-B's one of one is the higher rate.
      { lot: 'L-B', concluded: 1, failed: 1, failureRatePct: '100.00', failedRuns: 2 },
      { lot: 'L-A', concluded: 2, failed: 1, failureRatePct: '50.00', failedRuns: 2 },
      // The corrected rack counts in its new lot; it passed on its second attempt.
      { lot: 'L-C', concluded: 1, failed: 0, failureRatePct: '0.00', failedRuns: 1 },
      // RK-OR-5: a failed run, no concluded evaluation, no lot known.
      { lot: null, concluded: 0, failed: 0, failureRatePct: null, failedRuns: 1 },
    ]);
  });

  it('counts a rack for every supplier of its BOM; racks whose suppliers are unknown are counted apart', async () => {
    const { body } = await (await sut.as('fiona')).get('/v1/programme').expect(200);
    const figures = body.generations.find((g: { generation: string }) => g.generation === GENERATION);
    expect(figures.failuresBySupplier).toEqual([
      { supplier: 'Foxconn', concluded: 2, failed: 1, failureRatePct: '50.00', failedRuns: 2 },
      { supplier: 'Vertiv', concluded: 2, failed: 1, failureRatePct: '50.00', failedRuns: 2 },
      // The correction replaced Quanta's BOM with Delta's and Quanta's.
      { supplier: 'Delta', concluded: 1, failed: 0, failureRatePct: '0.00', failedRuns: 1 },
      { supplier: 'Quanta', concluded: 1, failed: 0, failureRatePct: '0.00', failedRuns: 1 },
      // RK-OR-4 (an event without suppliers) and RK-OR-5 (never received).
      { supplier: null, concluded: 1, failed: 1, failureRatePct: '100.00', failedRuns: 3 },
    ]);
    // The same evaluations as the generation's own figures.
    expect(figures.evaluations).toMatchObject({ concluded: 4, failed: 2 });
  });

  it('answers one generation with the very figures of the whole programme', async () => {
    const viewer = await sut.as('vic');
    const all = (await viewer.get('/v1/programme').expect(200)).body;
    const one = (await viewer.get(`/v1/programme?generation=${GENERATION}`).expect(200)).body;
    expect(one.generations).toEqual(all.generations.filter((g: { generation: string }) => g.generation === GENERATION));
    expect((await viewer.get('/v1/programme?generation=NOPE1').expect(200)).body.generations).toEqual([]);
  });
});
