import { TestRunHarness } from './support/test-run.harness';

const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 3, metrics: ['gpu_temp_max'] };
const DAY = 86_400_000;

describe('test-run: programme figures', () => {
  let sut: TestRunHarness;
  const schedule = async (rackSerial: string, bay: string) =>
    (await sut.as('engineer').post('/v1/runs', { rackSerial, suite: 'burn-in', bay }).expect(201)).body.id as string;
  const act = (id: string, action: 'start' | 'complete' | 'abort', body?: object) =>
    sut.as('engineer').post(`/v1/runs/${id}/${action}`, body).expect(200);
  /** Moves a run's times to days before now, so the window arithmetic is exact (the API stamps them now). */
  const backdate = (id: string, scheduled: number, started: number | null, ended: number, column: 'completed_at' | 'aborted_at') =>
    sut.sql(
      `UPDATE run SET scheduled_at = now() - make_interval(days => $2), started_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END,
              ${column} = now() - make_interval(days => $4) WHERE id = $1`,
      [id, scheduled, started, ended],
    );

  beforeAll(async () => {
    sut = await TestRunHarness.start();
    await sut.learnGeneration('PT1');
    await sut.learnGeneration('PT2');
    await sut.publishPlan('PT1', [burnIn]);
    await sut.createBay('BAY-P1');
    await sut.createBay('BAY-P2');
    for (const serial of ['RK-PT-1', 'RK-PT-2', 'RK-PT-3', 'RK-PT-4']) {
      await sut.receiveRack(serial, 'PT1');
      await sut.releaseRack(serial, 'PT1');
    }
    const r1 = await schedule('RK-PT-1', 'BAY-P1');
    await act(r1, 'start');
    await act(r1, 'complete');
    const r2 = await schedule('RK-PT-2', 'BAY-P2');
    await act(r2, 'start');
    await act(r2, 'abort', { cause: 'FACILITY', reason: 'facility power trip' });
    const r3 = await schedule('RK-PT-3', 'BAY-P2');
    await act(r3, 'abort', { cause: 'DEVICE', reason: 'rack would not power on' });
    const r4 = await schedule('RK-PT-4', 'BAY-P1');
    await act(r4, 'start');
    await act(r4, 'complete');
    // Bays in service for 100 days; runs held bays 3 + 2 + 1 + 5 = 11 days and ran 2 + 1 + 0 + 4 = 7.
    await sut.sql(`UPDATE bay SET created_at = now() - interval '100 days'`);
    await backdate(r1, 20, 19, 17, 'completed_at');
    await backdate(r2, 15, 14, 13, 'aborted_at');
    await backdate(r3, 12, null, 11, 'aborted_at');
    await backdate(r4, 10, 9, 5, 'completed_at');
  });
  afterAll(() => sut?.dispose());

  it('counts runs by state and aborts by cause (only DEVICE used up an attempt), with their reasons', async () => {
    const { body } = await sut.as('viewer').get('/v1/programme').expect(200);
    expect(body.generations.map((g: { generation: string }) => g.generation)).toEqual(['PT1', 'PT2']);
    const [pt1, pt2] = body.generations;
    expect(pt1.runs).toBe(4);
    expect(pt1.runsByState).toEqual([
      { state: 'SCHEDULED', count: 0 },
      { state: 'RUNNING', count: 0 },
      { state: 'COMPLETED', count: 2 },
      { state: 'ABORTED', count: 2 },
    ]);
    expect(pt1.aborts).toEqual({
      total: 2,
      byCause: [
        { cause: 'FACILITY', count: 1 },
        { cause: 'OPERATOR', count: 0 },
        { cause: 'HOLD', count: 0 },
        { cause: 'DEVICE', count: 1 },
      ],
      attemptsUsed: 1,
      byReason: [
        { reason: 'facility power trip', count: 1 },
        { reason: 'rack would not power on', count: 1 },
      ],
    });
    expect(pt2).toMatchObject({
      runs: 0,
      aborts: { total: 0, attemptsUsed: 0, byReason: [] },
      bayUtilisation: { heldPct: '0.00', runningPct: '0.00', heldBayHours: '0.00' },
    });
  });

  it('gives bay utilisation as held and running bay-time over the bay-time available in the window', async () => {
    const { body } = await sut.as('finance').get('/v1/programme?generation=PT1&windowDays=30').expect(200);
    expect(body.window).toMatchObject({ days: 30, bays: 2, availableBayHours: '1440.00' });
    expect(Date.parse(body.window.to) - Date.parse(body.window.from)).toBe(30 * DAY);
    // 11 of 60 bay-days held, 7 running.
    expect(body.bayUtilisation).toEqual({ heldPct: '18.33', runningPct: '11.67', heldBayHours: '264.00' });
    expect(body.generations).toHaveLength(1);
    expect(body.generations[0].bayUtilisation).toEqual({ heldPct: '18.33', runningPct: '11.67', heldBayHours: '264.00' });
  });

  it('clips runs to the window: over the last 12 days only what fell inside counts', async () => {
    const { body } = await sut.as('intake').get('/v1/programme?windowDays=12').expect(200);
    // Inside: run 3 held 1 day; run 4 held 5 days, ran 4. 6 of 24 bay-days held, 4 running.
    expect(body.bayUtilisation).toEqual({ heldPct: '25.00', runningPct: '16.67', heldBayHours: '144.00' });
  });

  it('refuses a window outside 1–366 days and a malformed generation, naming the field', async () => {
    const window = await sut.as('viewer').get('/v1/programme?windowDays=0').expect(400);
    expect(JSON.stringify(window.body)).toContain('windowDays');
    const generation = await sut.as('viewer').get('/v1/programme?generation=bad%20code').expect(400);
    expect(JSON.stringify(generation.body)).toContain('generation');
  });
});
