/**
 * Re-opened evaluations and late corrections across the four services on the real broker and database:
 * - an admin re-opens a FAILED evaluation with one extra attempt: intake puts the rack back in
 *   evaluation, test-run allows the attempt, the option returns to PENDING_EVALUATION; the new run
 *   passes and the option becomes EXERCISABLE under the second verdict revision;
 * - a correction of that run's measurements (past any grace period) re-judges it, keeps the earlier
 *   verdict as a revision and, as it changes the outcome, re-opens and re-concludes the evaluation:
 *   the option goes back to NOT_EXERCISABLE and the rack to EVALUATION_FAILED;
 * - once finance declines, a re-open is refused (409 naming the option state).
 * No service dead-letters anything on the way.
 */
import { answer, eventually, expectError, expectStatus, receiveRacks, SERVICES, setUpGeneration, waitFor } from '@rackeval/testing';
import { deadLetters, flowReads } from './support/flow-reads';
import { bom, CRITERIA } from './support/programme-fixtures';
import { systemPerFile } from './support/system';

const PASSING: Record<string, [number, string]> = { training_throughput: [3400, 'tokens/s'], rack_power: [121, 'kW'] };
const FAILING: Record<string, [number, string]> = { training_throughput: [2100, 'tokens/s'], rack_power: [139, 'kW'] };
const SERIAL = 'RK-R-0001';

describe('re-opened evaluations and corrections end to end', () => {
  const sut = systemPerFile();

  const ada = () => sut.api.as('ada');
  const tariq = () => sut.api.as('tariq');
  const fiona = () => sut.api.as('fiona');
  const rack = (serial: string) => ({ params: { path: { serial } } });
  const option = (rackSerial: string) => ({ params: { path: { rackSerial } } });
  const run = (id: string) => ({ params: { path: { id } } });
  const { untilRackIs, untilOptionIs } = flowReads(() => sut.api);
  const evaluation = async (serial: string) =>
    expectStatus(await answer(ada().results.GET('/v1/racks/{serial}/evaluation', rack(serial))), 200, 'evaluation');

  async function runBurnIn(serial: string, bay: string, values: Record<string, [number, string]>): Promise<string> {
    const scheduled = await eventually(
      `schedule burn-in for ${serial}`,
      () => answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: serial, suite: 'burn-in', bay } })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/start', run(scheduled.id))), 200, 'start run');
    await untilRackIs(serial, 'IN_EVALUATION');
    const measurements = Object.entries(values).map(([metric, [value, unit]]) => ({ metric, value, unit }));
    await eventually(
      `measure run ${scheduled.id}`,
      () =>
        answer(
          tariq().results.POST('/v1/runs/{runId}/measurements', { params: { path: { runId: scheduled.id } }, body: { measurements } }),
        ),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/complete', run(scheduled.id))), 200, 'complete run');
    return scheduled.id;
  }

  it('re-opens a failed evaluation into a pending option, re-judges on a correction, and refuses a re-open once the option ended', async () => {
    await setUpGeneration(sut.api, {
      code: 'G1',
      name: 'Generation 1',
      criteria: CRITERIA,
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '9000000.00' },
      bays: ['BAY-1', 'BAY-2'],
    });
    await receiveRacks(sut.api, {
      reference: 'UPS-REOPEN',
      racks: [{ serial: SERIAL, generation: 'G1', lot: 'LOT-11', bom: bom('high') }],
    });

    // Two failed attempts: FAILED, NOT_EXERCISABLE, and no third attempt.
    await runBurnIn(SERIAL, 'BAY-1', FAILING);
    await runBurnIn(SERIAL, 'BAY-2', FAILING);
    await untilRackIs(SERIAL, 'EVALUATION_FAILED');
    await untilOptionIs(SERIAL, 'NOT_EXERCISABLE');
    const exhausted = await answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: SERIAL, suite: 'burn-in', bay: 'BAY-1' } }));
    expect([409, 422]).toContain(exhausted.status);

    // The admin re-opens with one extra attempt: every service follows.
    const refusedRole = await answer(
      tariq().results.POST('/v1/racks/{serial}/evaluation/reopen', {
        ...rack(SERIAL),
        body: { reason: 'PDU mis-wired in bay 2', extraAttempts: 1 },
      }),
    );
    expectError(refusedRole, 403, 'FORBIDDEN', 'a test engineer re-opens');
    const reopened = expectStatus(
      await answer(
        ada().results.POST('/v1/racks/{serial}/evaluation/reopen', {
          ...rack(SERIAL),
          body: { reason: 'PDU mis-wired in bay 2', extraAttempts: 1 },
        }),
      ),
      200,
      're-open',
    );
    expect(reopened).toMatchObject({ status: 'REOPENED', revision: 1, verdicts: [{ revision: 1, outcome: 'FAILED' }] });
    const pending = await untilOptionIs(SERIAL, 'PENDING_EVALUATION');
    expect(pending.expiresAt ?? null).toBeNull();
    await untilRackIs(SERIAL, 'IN_EVALUATION');
    const third = await runBurnIn(SERIAL, 'BAY-1', PASSING);
    await untilRackIs(SERIAL, 'EVALUATION_PASSED');
    await untilOptionIs(SERIAL, 'EXERCISABLE');
    expect(await evaluation(SERIAL)).toMatchObject({ status: 'CONCLUDED', outcome: 'PASSED', revision: 2 });

    // A correction days later re-judges the passing run: the earlier verdict stays, the outcome flips back.
    const correction = await answer(
      tariq().results.POST('/v1/runs/{runId}/measurements/corrections', {
        params: { path: { runId: third } },
        body: { metric: 'rack_power', reason: 'PDU read 15 % low', measurements: [{ metric: 'rack_power', value: 139, unit: 'kW' }] },
      }),
    );
    expectStatus(correction, 201, 'correction');
    const verdict = expectStatus(
      await answer(ada().results.GET('/v1/runs/{runId}/verdict', { params: { path: { runId: third } } })),
      200,
      'verdict',
    );
    expect(verdict).toMatchObject({ verdict: 'FAIL', revision: 2, revisions: [{ revision: 1, verdict: 'PASS' }] });
    await untilOptionIs(SERIAL, 'NOT_EXERCISABLE');
    await untilRackIs(SERIAL, 'EVALUATION_FAILED');
    const revised = await evaluation(SERIAL);
    expect(revised).toMatchObject({ status: 'CONCLUDED', outcome: 'FAILED', revision: 3 });
    expect(revised.reopenings.map((r) => r.cause)).toEqual(['CORRECTION', 'ADMIN']);

    // Finance declines: the option has ended, so the evaluation can no longer be re-opened or corrected.
    const declined = await answer(
      fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
        ...option(SERIAL),
        body: { decision: 'DECLINE', rationale: 'power over budget after correction' },
      }),
    );
    expectStatus(declined, 200, 'decline');
    // Until results has read the option's end a re-open may still be taken; purchase-option and intake then ignore it
    // (the option stays DECLINED, nothing is dead-lettered). Once results knows, it refuses.
    const closed = await waitFor(
      'results knows the option ended',
      async () => {
        const response = await answer(
          ada().results.POST('/v1/racks/{serial}/evaluation/reopen', { ...rack(SERIAL), body: { reason: 'again', extraAttempts: 1 } }),
        );
        return response.error?.code === 'EVALUATION_CLOSED' ? response : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expectError(closed, 409, 'EVALUATION_CLOSED', 're-open after the decline');
    expect(closed.error?.message).toContain('DECLINED');
    await untilRackIs(SERIAL, 'AWAITING_RETURN');
    expect((await answer(fiona().purchaseOption.GET('/v1/options/{rackSerial}', option(SERIAL)))).body?.state).toBe('DECLINED');
    const audit = expectStatus(
      await answer(fiona().purchaseOption.GET('/v1/audit', { params: { query: { rack: SERIAL } } })),
      200,
      'audit',
    );
    expect(audit.items.map((entry) => entry.action)).toEqual([
      'OPENED',
      'EVALUATION_FAILED',
      'EVALUATION_REOPENED',
      'EVALUATION_PASSED',
      'EVALUATION_REOPENED',
      'EVALUATION_FAILED',
      'DECLINED',
    ]);
    for (const service of SERVICES) expect({ service, deadLetters: await deadLetters(service) }).toEqual({ service, deadLetters: [] });
  });
});
