/**
 * The ways out of the normal flow, across the four services on the real broker and database:
 * - a hold aborts the rack's running run (cause HOLD, attempt left), refuses scheduling, and its
 *   release returns the rack to evaluation, where the same attempt is run again;
 * - a facility abort leaves the only attempt of a suite; an abort without a cause (an older client)
 *   is a DEVICE abort and uses it;
 * - finance declines an option before its verdict and the rack goes back;
 * - a withdrawal ends the option (WITHDRAWN) and aborts the run; the rack is returned;
 * - a failed rack is not returned while finance can still buy it with a waiver: the disagreement
 *   that used to end in a dead letter (returned at intake, exercised by finance) cannot arise.
 * No service dead-letters anything on the way.
 */
import type { RunState } from '@rackeval/api-client';
import {
  answer,
  burnInPlan,
  eventually,
  expectError,
  expectStatus,
  receiveRacks,
  SERVICES,
  setUpGeneration,
  waitFor,
} from '@rackeval/testing';
import { deadLetters, flowReads } from './support/flow-reads';
import { bom, CRITERIA } from './support/programme-fixtures';
import { systemPerFile } from './support/system';

const PASSING: Record<string, [number, string]> = { training_throughput: [3400, 'tokens/s'], rack_power: [121, 'kW'] };
const SERIALS = { held: 'RK-H-0001', facility: 'RK-F-0002', pending: 'RK-P-0003', withdrawn: 'RK-W-0004', device: 'RK-D-0005' } as const;

describe('ways out of every state', () => {
  const sut = systemPerFile(() => setUpProgramme());

  const ada = () => sut.api.as('ada');
  const ines = () => sut.api.as('ines');
  const tariq = () => sut.api.as('tariq');
  const fiona = () => sut.api.as('fiona');

  const rack = (serial: string) => ({ params: { path: { serial } } });
  const option = (rackSerial: string) => ({ params: { path: { rackSerial } } });
  const run = (id: string) => ({ params: { path: { id } } });
  const { rackOf, untilRackIs, untilOptionIs } = flowReads(() => sut.api);
  const untilRunIs = (id: string, state: RunState) =>
    waitFor(
      `run ${id} ${state}`,
      async () => {
        const { data } = await tariq().testRun.GET('/v1/runs/{id}', run(id));
        return data?.state === state ? data : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  async function setUpProgramme(): Promise<void> {
    await setUpGeneration(sut.api, {
      code: 'G1',
      name: 'Generation 1',
      // One required suite with a single attempt: any attempt used up fails the rack.
      plan: burnInPlan(1),
      criteria: CRITERIA,
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '9000000.00' },
      bays: ['BAY-1', 'BAY-2', 'BAY-3'],
    });
    const racks = Object.values(SERIALS).map((serial) => ({ serial, generation: 'G1', lot: 'LOT-11', bom: bom('high') }));
    await receiveRacks(sut.api, { reference: 'UPS-WAYS-OUT', racks });
    for (const serial of Object.values(SERIALS)) {
      await untilOptionIs(serial, 'PENDING_EVALUATION');
    }
  }

  /** Schedules and starts a burn-in run (once test-run knows the rack); returns its id and attempt. */
  async function startRun(serial: string, bay: string): Promise<{ id: string; attempt: number }> {
    const scheduled = await eventually(
      `schedule burn-in for ${serial}`,
      () => answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: serial, suite: 'burn-in', bay } })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/start', run(scheduled.id))), 200, `start run of ${serial}`);
    await untilRackIs(serial, 'IN_EVALUATION');
    return { id: scheduled.id, attempt: scheduled.attempt };
  }

  async function measureAndComplete(id: string, values: Record<string, [number, string]>): Promise<void> {
    const measurements = Object.entries(values).map(([metric, [value, unit]]) => ({ metric, value, unit }));
    await eventually(
      `measure run ${id}`,
      () => answer(tariq().results.POST('/v1/runs/{runId}/measurements', { params: { path: { runId: id } }, body: { measurements } })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/complete', run(id))), 200, `complete run ${id}`);
  }

  it('a hold aborts the running run with cause HOLD, refuses scheduling, and its release lets the same attempt run again', async () => {
    const serial = SERIALS.held;
    const first = await startRun(serial, 'BAY-1');
    const held = expectStatus(
      await answer(
        ines().intake.POST('/v1/racks/{serial}/hold', {
          ...rack(serial),
          body: { reason: 'coolant manifold crack found; manufacturer to inspect' },
        }),
      ),
      200,
      'hold',
    );
    expect(held).toMatchObject({ state: 'ON_HOLD', hold: { heldFrom: 'IN_EVALUATION', heldBy: 'ines' } });

    const aborted = await untilRunIs(first.id, 'ABORTED');
    expect(aborted).toMatchObject({ abortCause: 'HOLD', attemptConsumed: false, abortedBy: 'rule:rack-hold' });
    const refused = await waitFor(
      'scheduling refused for the held rack',
      async () => {
        const attempt = await answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: serial, suite: 'burn-in', bay: 'BAY-1' } }));
        return attempt.status === 409 ? attempt : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const error = expectError(refused, 409, 'RACK_ON_HOLD', 'schedule a held rack');
    expect(error.message).toContain('coolant manifold crack');
    expectError(
      await answer(ines().intake.POST('/v1/racks/{serial}/hold', { ...rack(serial), body: { reason: 'again' } })),
      409,
      'ILLEGAL_TRANSITION',
      'hold twice',
    );

    const released = expectStatus(
      await answer(ada().intake.POST('/v1/racks/{serial}/release-hold', { ...rack(serial), body: { reason: 'manifold replaced' } })),
      200,
      'release',
    );
    expect(released).toMatchObject({ state: 'IN_EVALUATION', hold: null });
    const second = await startRun(serial, 'BAY-1');
    expect(second.attempt).toBe(first.attempt);
    await measureAndComplete(second.id, PASSING);
    await untilRackIs(serial, 'EVALUATION_PASSED');
    await untilOptionIs(serial, 'EXERCISABLE');
    const history = (await rackOf(serial)).history.map((entry) => `${entry.from ?? '∅'}→${entry.to}`);
    expect(history).toEqual(expect.arrayContaining(['IN_EVALUATION→ON_HOLD', 'ON_HOLD→IN_EVALUATION', 'IN_EVALUATION→EVALUATION_PASSED']));
  });

  it('a facility abort leaves the only attempt of a suite', async () => {
    const facility = await startRun(SERIALS.facility, 'BAY-2');
    const tripped = expectStatus(
      await answer(
        tariq().testRun.POST('/v1/runs/{id}/abort', { ...run(facility.id), body: { cause: 'FACILITY', reason: 'bay PDU tripped' } }),
      ),
      200,
      'facility abort',
    );
    expect(tripped).toMatchObject({ state: 'ABORTED', abortCause: 'FACILITY', attemptConsumed: false });
    const again = await startRun(SERIALS.facility, 'BAY-2');
    expect(again.attempt).toBe(1);
    await measureAndComplete(again.id, PASSING);
    await untilRackIs(SERIALS.facility, 'EVALUATION_PASSED');
  });

  it('fails a rack on an abort without a cause (older clients: DEVICE); its return is refused while finance can still buy it with a waiver', async () => {
    const serial = SERIALS.device;
    const device = await startRun(serial, 'BAY-3');
    const old = expectStatus(
      await answer(tariq().testRun.POST('/v1/runs/{id}/abort', { ...run(device.id), body: { reason: 'PSU smoke' } })),
      200,
      'abort without cause',
    );
    expect(old).toMatchObject({ abortCause: 'DEVICE', attemptConsumed: true });
    await untilRackIs(serial, 'EVALUATION_FAILED');
    const exhausted = await answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: serial, suite: 'burn-in', bay: 'BAY-3' } }));
    expectError(exhausted, 422, /^(ATTEMPTS_EXHAUSTED|RACK_NOT_RELEASED)$/, 'schedule past the only attempt');
    await untilOptionIs(serial, 'NOT_EXERCISABLE');
    // Intake learns the option state from purchase-option's events: the refusal follows shortly.
    const refused = await waitFor(
      'return refused while the option can be exercised',
      async () => {
        const attempt = await answer(
          ines().intake.POST('/v1/racks/{serial}/return', { ...rack(serial), body: { reason: 'failed burn-in' } }),
        );
        return attempt.status === 409 ? attempt : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const error = expectError(refused, 409, 'OPTION_STILL_EXERCISABLE', 'return a rack finance can still buy');
    expect(error.message).toContain('NOT_EXERCISABLE');
    expect(await rackOf(serial)).toMatchObject({ state: 'EVALUATION_FAILED', optionState: 'NOT_EXERCISABLE' });

    const bought = expectStatus(
      await answer(
        fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          ...option(serial),
          body: { decision: 'EXERCISE', rationale: 'PSU fault is a known field fix', waiver: 'vendor replaces the PSU shelf at its cost' },
        }),
      ),
      200,
      'exercise with waiver',
    );
    expect(bought.state).toBe('EXERCISED');
    await untilRackIs(serial, 'PURCHASED');
  });

  it('finance declines an option before its verdict; the rack goes back and is returned (the return ends nothing twice)', async () => {
    const serial = SERIALS.pending;
    const declined = expectStatus(
      await answer(
        fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          ...option(serial),
          body: { decision: 'DECLINE', rationale: 'generation G1 capacity already bought' },
        }),
      ),
      200,
      'decline pending',
    );
    expect(declined.state).toBe('DECLINED');
    await untilRackIs(serial, 'AWAITING_RETURN');
    const again = await answer(
      fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
        ...option(serial),
        body: { decision: 'DECLINE', rationale: 'twice' },
      }),
    );
    expectError(again, 409, 'ILLEGAL_TRANSITION', 'decline an ended option');
    expectStatus(
      await answer(ines().intake.POST('/v1/racks/{serial}/return', { ...rack(serial), body: { reason: 'declined before evaluation' } })),
      200,
      'return',
    );
    expect((await rackOf(serial)).state).toBe('RETURNED');
    expect((await untilOptionIs(serial, 'DECLINED')).state).toBe('DECLINED');
  });

  it('a withdrawal aborts the run, ends the option WITHDRAWN, and the rack is returned', async () => {
    const serial = SERIALS.withdrawn;
    const running = await startRun(serial, 'BAY-2');
    expectError(
      await answer(tariq().intake.POST('/v1/racks/{serial}/withdraw', { ...rack(serial), body: { reason: 'dropped' } })),
      403,
      'FORBIDDEN',
      'a test engineer withdraws',
    );
    expectError(
      await answer(ines().intake.POST('/v1/racks/{serial}/withdraw', { ...rack(serial), body: { reason: ' ' } })),
      400,
      'VALIDATION_FAILED',
      'withdraw without a reason',
    );
    const withdrawn = expectStatus(
      await answer(
        ines().intake.POST('/v1/racks/{serial}/withdraw', { ...rack(serial), body: { reason: 'chassis bent moving it out of bay 2' } }),
      ),
      200,
      'withdraw',
    );
    expect(withdrawn).toMatchObject({ state: 'AWAITING_RETURN', withdrawnAt: expect.any(String) });
    expect(await untilRunIs(running.id, 'ABORTED')).toMatchObject({ abortCause: 'OPERATOR' });
    const ended = await untilOptionIs(serial, 'WITHDRAWN');
    expect(ended.history.at(-1)).toMatchObject({ action: 'WITHDRAWN', actor: 'intake', toState: 'WITHDRAWN' });
    expectStatus(
      await answer(ines().intake.POST('/v1/racks/{serial}/return', { ...rack(serial), body: { reason: 'withdrawn, damaged' } })),
      200,
      'return withdrawn',
    );
    await untilRackIs(serial, 'RETURNED');
    const decline = await answer(
      fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
        ...option(serial),
        body: { decision: 'DECLINE', rationale: 'late' },
      }),
    );
    expectError(decline, 409, 'ILLEGAL_TRANSITION', 'decline a withdrawn option');
  });

  it('dead-letters nothing in any service, whatever ran before', async () => {
    for (const service of SERVICES) {
      const dead = await deadLetters(service);
      expect({ service, dead: dead.map((message) => `${message.headers.ce_type}: ${message.headers['dlq-error']}`) }).toEqual({
        service,
        dead: [],
      });
    }
  });
});
