import { RackHeld, RunAborted } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { TestRunHarness } from './support/test-run.harness';

const burnIn = { key: 'burn-in', name: 'Burn-in 48 h', required: true, maxAttempts: 1, metrics: ['gpu_temp_max'] };

describe('abort causes and holds', () => {
  let sut: TestRunHarness;
  const schedule = (rackSerial: string, bay: string) => sut.as('engineer').post('/v1/runs', { rackSerial, suite: 'burn-in', bay });
  const act = (id: string, action: 'start' | 'abort', body?: object) => sut.as('engineer').post(`/v1/runs/${id}/${action}`, body);
  const released = async (serial: string) => {
    await sut.receiveRack(serial);
    await sut.releaseRack(serial);
  };
  const running = async (serial: string, bay: string) => {
    const run = (await schedule(serial, bay).expect(201)).body;
    await act(run.id, 'start').expect(200);
    return run as { id: string; attempt: number };
  };
  const abortedEvent = async (serial: string) =>
    waitFor(`run.aborted of ${serial}`, async () => (await sut.eventsFor(serial)).find((event) => event.type === RunAborted.type), {
      timeoutMs: 15_000,
    });
  const hold = (serial: string, reason: string, heldFrom: 'IN_EVALUATION' | 'RELEASED_FOR_EVALUATION') => ({
    rackSerial: serial,
    generation: 'G1',
    occurredAt: new Date().toISOString(),
    actor: 'ines',
    heldFrom,
    reason,
  });

  beforeAll(async () => {
    sut = await TestRunHarness.start();
    await sut.learnGeneration('G1');
    await sut.publishPlan('G1', [burnIn]);
    for (const bay of ['BAY-A', 'BAY-B', 'BAY-C', 'BAY-D', 'BAY-E']) await sut.createBay(bay);
  });
  afterAll(() => sut?.dispose());

  it('leaves the attempt after a FACILITY abort: the next run is attempt 1 again, and run.aborted says so', async () => {
    await released('RK-FAC-1');
    const first = await running('RK-FAC-1', 'BAY-A');
    const aborted = await act(first.id, 'abort', { cause: 'FACILITY', reason: 'bay PDU tripped' }).expect(200);
    expect(aborted.body).toMatchObject({
      state: 'ABORTED',
      abortCause: 'FACILITY',
      attemptConsumed: false,
      abortReason: 'bay PDU tripped',
    });
    expect((await abortedEvent('RK-FAC-1')).data).toMatchObject({ cause: 'FACILITY', attemptConsumed: false, reason: 'bay PDU tripped' });
    const again = (await schedule('RK-FAC-1', 'BAY-A').expect(201)).body;
    expect(again).toMatchObject({ attempt: 1, maxAttempts: 1, attemptConsumed: true });
    const history = (await sut.as('viewer').get(`/v1/runs/${first.id}`).expect(200)).body.history;
    expect(history.at(-1)).toMatchObject({ from: 'RUNNING', to: 'ABORTED', reason: 'FACILITY: bay PDU tripped' });
  });

  it('takes an abort without a cause for DEVICE (older clients): it uses the attempt', async () => {
    await released('RK-DEV-1');
    const run = await running('RK-DEV-1', 'BAY-B');
    const aborted = await act(run.id, 'abort', { reason: 'PSU smoke' }).expect(200);
    expect(aborted.body).toMatchObject({ abortCause: 'DEVICE', attemptConsumed: true });
    expect((await abortedEvent('RK-DEV-1')).data).toMatchObject({ cause: 'DEVICE', attemptConsumed: true });
    const exhausted = await schedule('RK-DEV-1', 'BAY-B').expect(422);
    expect(exhausted.body).toMatchObject({
      code: 'ATTEMPTS_EXHAUSTED',
      message: expect.stringContaining('DEVICE aborts count toward maxAttempts'),
    });
  });

  it('refuses an unknown cause with a 400 naming the field, and leaves the run as it was', async () => {
    await released('RK-BAD-1');
    const run = await running('RK-BAD-1', 'BAY-C');
    const refused = await act(run.id, 'abort', { cause: 'WEATHER', reason: 'storm' }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('cause');
    expect((await sut.as('viewer').get(`/v1/runs/${run.id}`).expect(200)).body.state).toBe('RUNNING');
    await act(run.id, 'abort', { cause: 'OPERATOR', reason: 'cleanup' }).expect(200);
  });

  it("aborts the held rack's running run with cause HOLD, refuses scheduling naming the hold, and schedules the same attempt once released", async () => {
    await released('RK-HOLD-1');
    const run = await running('RK-HOLD-1', 'BAY-D');
    await sut.changeRackState('RK-HOLD-1', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION');
    await sut.produceIntake(RackHeld, hold('RK-HOLD-1', 'coolant manifold crack', 'IN_EVALUATION'));
    await sut.changeRackState('RK-HOLD-1', 'IN_EVALUATION', 'ON_HOLD');
    const aborted = await waitFor(
      'run aborted by the hold',
      async () => {
        const read = (await sut.as('viewer').get(`/v1/runs/${run.id}`).expect(200)).body;
        return read.state === 'ABORTED' ? read : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(aborted).toMatchObject({
      abortCause: 'HOLD',
      attemptConsumed: false,
      abortedBy: 'rule:rack-hold',
      abortReason: expect.stringContaining('coolant manifold crack'),
    });
    const refused = await schedule('RK-HOLD-1', 'BAY-D').expect(409);
    expect(refused.body).toMatchObject({ code: 'RACK_ON_HOLD', message: expect.stringContaining('coolant manifold crack') });

    await sut.changeRackState('RK-HOLD-1', 'ON_HOLD', 'IN_EVALUATION');
    const again = (await schedule('RK-HOLD-1', 'BAY-D').expect(201)).body;
    expect(again.attempt).toBe(run.attempt);

    // A hold replayed late (older than the release) aborts nothing.
    await sut.produceIntakeAt(RackHeld, new Date(Date.now() - 60_000), hold('RK-HOLD-1', 'stale', 'IN_EVALUATION'));
    expect((await sut.as('viewer').get(`/v1/runs/${again.id}`).expect(200)).body.state).toBe('SCHEDULED');
    await act(again.id, 'abort', { cause: 'OPERATOR', reason: 'cleanup' }).expect(200);
  });

  it('aborts a scheduled run of a rack put on hold before it started', async () => {
    await released('RK-HOLD-2');
    const scheduled = (await schedule('RK-HOLD-2', 'BAY-E').expect(201)).body;
    await sut.produceIntake(RackHeld, hold('RK-HOLD-2', 'awaiting customs paperwork', 'RELEASED_FOR_EVALUATION'));
    const aborted = await waitFor(
      'scheduled run aborted by the hold',
      async () => {
        const read = (await sut.as('viewer').get(`/v1/runs/${scheduled.id}`).expect(200)).body;
        return read.state === 'ABORTED' ? read : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(aborted).toMatchObject({ abortCause: 'HOLD', attemptConsumed: false });
  });
});
