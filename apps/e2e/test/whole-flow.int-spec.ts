/**
 * The programme end to end, through the public HTTP API only, with all four services running
 * against the real broker and database:
 * - rack A passes its evaluation, finance requests exercise and a second finance user approves;
 * - rack B fails its required suite on every attempt, an admin re-opens the evaluation with one
 *   more attempt (the option returns to PENDING_EVALUATION), it fails again, finance declines,
 *   intake returns it;
 * - rack C passes under terms with a zero-day window and lapses at the next sweep;
 * - rack D passes its evaluation but misses G1's cost targets (four-eyes): exercising it needs a waiver.
 */
import { TestTokens } from '@rackeval/auth/testing';
import {
  answer,
  deleteTestTopics,
  eventually,
  expectError,
  expectStatus,
  newGeneration,
  RackevalSystem,
  TestApi,
  waitFor,
} from '@rackeval/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowReads } from './support/flow-reads';
import { bom, CRITERIA, PLAN } from './support/programme-fixtures';
import { e2eTopology } from './support/topology';

describe('rackeval end to end', () => {
  let tokens: TestTokens;
  let system: RackevalSystem;
  let api: TestApi;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    system = await RackevalSystem.start({
      publicKeyFile: tokens.publicKeyFile,
      env: { 'purchase-option': { LAPSE_SWEEP_INTERVAL_SECONDS: '1' } },
      // On several instances the flow goes through the gateway, which balances across them.
      ...(e2eTopology.instances > 1
        ? { instances: e2eTopology.instances, brokers: e2eTopology.brokers, gateway: { keyDir: tokens.dir } }
        : { brokers: e2eTopology.brokers }),
    });
    api = e2eTopology.instances > 1 ? TestApi.viaGateway(system.gatewayUrl(), tokens) : TestApi.direct(system, tokens);
  });

  afterAll(async () => {
    await system?.stop({ afterServices: deleteTestTopics });
    await tokens?.dispose();
  });

  const ada = () => api.as('ada');
  const ines = () => api.as('ines');
  const tariq = () => api.as('tariq');
  const fiona = () => api.as('fiona');
  const farid = () => api.as('farid');

  const rack = (serial: string) => ({ params: { path: { serial } } });
  const option = (rackSerial: string) => ({ params: { path: { rackSerial } } });
  const { rackOf, untilRackIs, untilOptionIs } = flowReads(() => api);
  const rackState = async (serial: string) => (await rackOf(serial)).state;
  const optionOf = async (serial: string) =>
    expectStatus(await answer(fiona().purchaseOption.GET('/v1/options/{rackSerial}', option(serial))), 200, `read option ${serial}`);

  /** Schedules, starts, measures and completes one run of a suite; returns the run id. */
  async function runSuite(serial: string, suite: string, bay: string, values: Record<string, [number, string]>): Promise<string> {
    const run = await eventually(
      `schedule ${suite} for ${serial}`,
      () => answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: serial, suite, bay } })),
      201,
    );
    expect(run).toMatchObject({ state: 'SCHEDULED' });
    const id = { params: { path: { id: run.id } } };
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/start', id)), 200, 'start run');
    // Nothing can conclude the evaluation before this run completes, so the rack rests in evaluation.
    await untilRackIs(serial, 'IN_EVALUATION');
    const measurements = Object.entries(values).flatMap(([metric, [value, unit]]) =>
      [0.98, 1, 1.02].map((factor) => ({ metric, value: Number((value * factor).toFixed(3)), unit })),
    );
    const runId = { params: { path: { runId: run.id } } };
    await eventually(
      `log measurements of ${suite}`,
      () => answer(tariq().results.POST('/v1/runs/{runId}/measurements', { ...runId, body: { measurements } })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/complete', id)), 200, 'complete run');
    return run.id;
  }

  it('takes three racks from delivery to exercise, decline and lapse', async () => {
    // Programme set-up by the admin (and finance for terms).
    for (const code of ['G1', 'G2']) {
      expectStatus(await answer(ada().intake.POST('/v1/generations', { body: newGeneration(code) })), 201, `register ${code}`);
    }
    const generation = (code: string) => ({ params: { path: { generation: code } } });
    for (const code of ['G1', 'G2']) {
      await eventually(
        `test plan ${code}`,
        () => answer(ada().testRun.PUT('/v1/test-plans/{generation}', { ...generation(code), body: PLAN })),
        200,
      );
      // results and purchase-option learn the generation from intake's event: until then they answer 422.
      await eventually(
        `criteria ${code}`,
        () => answer(ada().results.PUT('/v1/criteria/{generation}', { ...generation(code), body: CRITERIA })),
        200,
      );
    }
    const approval = (code: string, version: number) => ({ params: { path: { generation: code, version } } });
    // Terms are four-eyes: one finance user proposes, another finance or admin user approves.
    const g1 = await eventually(
      'propose terms G1',
      () =>
        answer(
          fiona().purchaseOption.PUT('/v1/terms/{generation}', {
            ...generation('G1'),
            body: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '2500000.00' },
          }),
        ),
      201,
    );
    expect(g1).toMatchObject({ version: 1, status: 'PROPOSED', publishedBy: 'fiona' });
    const ownApproval = await answer(
      fiona().purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', {
        ...approval('G1', 1),
        body: { approve: true, note: 'my own terms' },
      }),
    );
    expectError(ownApproval, 403, 'FOUR_EYES_RULE', 'fiona approves her own terms');
    const approvedG1 = expectStatus(
      await answer(
        farid().purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', {
          ...approval('G1', 1),
          body: { approve: true, note: 'matches the agreement' },
        }),
      ),
      200,
      'approve terms G1',
    );
    expect(approvedG1).toMatchObject({ status: 'ACTIVE', review: { approved: true, reviewedBy: 'farid' } });
    await eventually(
      'propose terms G2',
      () =>
        answer(
          fiona().purchaseOption.PUT('/v1/terms/{generation}', {
            ...generation('G2'),
            body: { unitPrice: '4100000.00', currency: 'USD', windowDays: 0, approvalThreshold: '5000000.00' },
          }),
        ),
      201,
    ); // approved once its rack has arrived
    for (const code of ['BAY-1', 'BAY-2'])
      expectStatus(await answer(ada().testRun.POST('/v1/bays', { body: { code, site: 'PDX-1' } })), 201, `bay ${code}`);

    // Receiving: one delivery of three racks, each inspected and released.
    const delivery = {
      reference: 'DHL-7730021',
      site: 'PDX-1',
      receivedAt: '2026-11-25T08:30:00Z',
      racks: [
        { serial: 'RK-A-0001', generation: 'G1', lot: 'LOT-11', bom: bom('high') },
        { serial: 'RK-B-0002', generation: 'G1', lot: 'LOT-11', bom: bom('low') },
        { serial: 'RK-C-0003', generation: 'G2', lot: 'LOT-20', bom: bom('high') },
      ],
    };
    expectStatus(await answer(ines().intake.POST('/v1/deliveries', { body: delivery })), 201, 'register delivery');
    // G2's terms are only proposed: its rack's option opens without terms and takes them once approved.
    const waiting = await waitFor(
      'option of RK-C-0003 opened',
      async () => (await fiona().purchaseOption.GET('/v1/options/{rackSerial}', option('RK-C-0003'))).data,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(waiting).toMatchObject({ state: 'PENDING_EVALUATION', terms: null });
    expectStatus(
      await answer(
        ada().purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', {
          ...approval('G2', 1),
          body: { approve: true, note: 'zero-day window agreed' },
        }),
      ),
      200,
      'approve terms G2',
    );
    expect((await optionOf('RK-C-0003')).terms).toMatchObject({ generation: 'G2', version: 1, status: 'ACTIVE' });
    const tooEarly = await answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: 'RK-A-0001', suite: 'burn-in', bay: 'BAY-1' } }));
    expectError(tooEarly, 422, /^(UNKNOWN_RACK|RACK_NOT_RELEASED)$/, 'schedule a run before the rack is released');
    const passedChecks = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
      name,
      passed: true,
    }));
    for (const serial of ['RK-A-0001', 'RK-B-0002', 'RK-C-0003']) {
      expectStatus(
        await answer(
          ines().intake.POST('/v1/racks/{serial}/inspections', { ...rack(serial), body: { checks: passedChecks, outcome: 'ACCEPTED' } }),
        ),
        201,
        `inspect ${serial}`,
      );
      expect(await rackState(serial)).toBe('RELEASED_FOR_EVALUATION');
    }

    // Rack A is put on hold mid-run: its run is aborted with cause HOLD (the attempt is kept), nothing can be
    // scheduled for it until intake releases the hold, and the release returns it to evaluation.
    const heldRun = await eventually(
      'schedule A',
      () => answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: 'RK-A-0001', suite: 'burn-in', bay: 'BAY-1' } })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/start', { params: { path: { id: heldRun.id } } })), 200, 'start A');
    await untilRackIs('RK-A-0001', 'IN_EVALUATION');
    expectStatus(
      await answer(ines().intake.POST('/v1/racks/{serial}/hold', { ...rack('RK-A-0001'), body: { reason: 'rear door latch broken' } })),
      200,
      'hold A',
    );
    await waitFor(
      'A run aborted by the hold',
      async () => (await tariq().testRun.GET('/v1/runs/{id}', { params: { path: { id: heldRun.id } } })).data?.abortCause === 'HOLD',
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const whileHeld = await waitFor(
      'scheduling A refused while held',
      async () => {
        const attempt = await answer(
          tariq().testRun.POST('/v1/runs', { body: { rackSerial: 'RK-A-0001', suite: 'burn-in', bay: 'BAY-1' } }),
        );
        return attempt.status === 409 ? attempt : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expectError(whileHeld, 409, 'RACK_ON_HOLD', 'schedule a held rack');
    const releasedA = expectStatus(
      await answer(ines().intake.POST('/v1/racks/{serial}/release-hold', { ...rack('RK-A-0001'), body: { reason: 'latch replaced' } })),
      200,
      'release A',
    );
    expect(releasedA.state).toBe('IN_EVALUATION');

    // Rack A: passes, first run moves it into evaluation.
    await runSuite('RK-A-0001', 'burn-in', 'BAY-1', { training_throughput: [3400, 'tokens/s'], rack_power: [121, 'kW'] });
    await untilRackIs('RK-A-0001', 'EVALUATION_PASSED');
    const exercisable = await untilOptionIs('RK-A-0001', 'EXERCISABLE');
    expect(exercisable.evidence.evaluation).toMatchObject({ outcome: 'PASSED', criteriaMet: 2, criteriaTotal: 2 });
    expect(exercisable.evidence.domesticContent).toMatchObject({ met: true });
    expect(exercisable.evidence.pricePerPerformanceUnit).toMatch(/^\d+\.\d{6}$/);

    // Above the approval threshold: fiona requests, fiona cannot approve her own request, farid approves.
    const requested = expectStatus(
      await answer(
        fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          ...option('RK-A-0001'),
          body: { decision: 'EXERCISE', rationale: 'meets every target; 6 % under budget on power' },
        }),
      ),
      200,
      'request exercise',
    );
    expect(requested.state).toBe('PENDING_APPROVAL');
    const selfApproval = await answer(
      fiona().purchaseOption.POST('/v1/options/{rackSerial}/approval', {
        ...option('RK-A-0001'),
        body: { approve: true, note: 'looks good' },
      }),
    );
    expect([403, 409]).toContain(selfApproval.status);
    const approved = expectStatus(
      await answer(
        farid().purchaseOption.POST('/v1/options/{rackSerial}/approval', {
          ...option('RK-A-0001'),
          body: { approve: true, note: 'second review done' },
        }),
      ),
      200,
      'approve exercise',
    );
    expect(approved.state).toBe('EXERCISED');
    await untilRackIs('RK-A-0001', 'PURCHASED');

    // Rack B: fails burn-in on both attempts, finance declines, intake returns it.
    for (const bay of ['BAY-2', 'BAY-2']) {
      await runSuite('RK-B-0002', 'burn-in', bay, { training_throughput: [2100, 'tokens/s'], rack_power: [139, 'kW'] });
    }
    await untilRackIs('RK-B-0002', 'EVALUATION_FAILED');
    await untilOptionIs('RK-B-0002', 'NOT_EXERCISABLE');
    // The admin suspects bay 2: one more attempt. Every service follows the re-open; the verdict history keeps both.
    const reopened = expectStatus(
      await answer(
        ada().results.POST('/v1/racks/{serial}/evaluation/reopen', {
          ...rack('RK-B-0002'),
          body: { reason: 'bay 2 PDU under investigation', extraAttempts: 1 },
        }),
      ),
      200,
      're-open B',
    );
    expect(reopened).toMatchObject({ status: 'REOPENED', verdicts: [{ revision: 1, outcome: 'FAILED' }] });
    await untilOptionIs('RK-B-0002', 'PENDING_EVALUATION');
    await runSuite('RK-B-0002', 'burn-in', 'BAY-1', { training_throughput: [2100, 'tokens/s'], rack_power: [139, 'kW'] });
    await untilRackIs('RK-B-0002', 'EVALUATION_FAILED');
    await untilOptionIs('RK-B-0002', 'NOT_EXERCISABLE');
    const declined = expectStatus(
      await answer(
        fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          ...option('RK-B-0002'),
          body: { decision: 'DECLINE', rationale: 'throughput 30 % under target on both attempts' },
        }),
      ),
      200,
      'decline',
    );
    expect(declined.state).toBe('DECLINED');
    await untilRackIs('RK-B-0002', 'AWAITING_RETURN');
    expectStatus(
      await answer(
        ines().intake.POST('/v1/racks/{serial}/return', { ...rack('RK-B-0002'), body: { reason: 'declined after failed evaluation' } }),
      ),
      200,
      'return B',
    );
    expect(await rackState('RK-B-0002')).toBe('RETURNED');

    // Rack C: a facility trip aborts its first run; the attempt is kept, so the next run is attempt 1 again.
    const tripped = await eventually(
      'schedule C',
      () => answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: 'RK-C-0003', suite: 'burn-in', bay: 'BAY-1' } })),
      201,
    );
    const trippedId = { params: { path: { id: tripped.id } } };
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/start', trippedId)), 200, 'start C');
    const facility = expectStatus(
      await answer(tariq().testRun.POST('/v1/runs/{id}/abort', { ...trippedId, body: { cause: 'FACILITY', reason: 'bay 1 PDU tripped' } })),
      200,
      'facility abort C',
    );
    expect(facility).toMatchObject({ state: 'ABORTED', abortCause: 'FACILITY', attemptConsumed: false });
    // C then passes under a zero-day window and lapses at the next sweep.
    const passingC = await runSuite('RK-C-0003', 'burn-in', 'BAY-1', { training_throughput: [3300, 'tokens/s'], rack_power: [125, 'kW'] });
    expect(
      expectStatus(await answer(tariq().testRun.GET('/v1/runs/{id}', { params: { path: { id: passingC } } })), 200, 'read C run').attempt,
    ).toBe(1);
    await untilOptionIs('RK-C-0003', 'LAPSED');
    await untilRackIs('RK-C-0003', 'AWAITING_RETURN');

    // Rack D: G1 gets cost targets (four-eyes); D passes performance but its price misses them, so exercising needs a waiver.
    const costTargets = {
      currency: 'USD',
      performanceUnit: 'tokens/s',
      maxUnitPrice: '3500000.00',
      energyPricePerKwh: '0.085',
      pue: '1.3',
      horizonYears: '5',
    };
    const proposedCost = expectStatus(
      await answer(fiona().purchaseOption.PUT('/v1/cost-targets/{generation}', { ...generation('G1'), body: costTargets })),
      201,
      'propose cost targets G1',
    );
    expect(proposedCost).toMatchObject({ version: 1, status: 'PROPOSED' });
    expectStatus(
      await answer(
        farid().purchaseOption.POST('/v1/cost-targets/{generation}/versions/{version}/approval', {
          ...approval('G1', 1),
          body: { approve: true, note: 'business case' },
        }),
      ),
      200,
      'approve cost targets G1',
    );
    const deliveryD = {
      reference: 'DHL-7730022',
      site: 'PDX-1',
      receivedAt: '2026-11-26T08:30:00Z',
      racks: [{ serial: 'RK-D-0004', generation: 'G1', lot: 'LOT-12', bom: bom('high') }],
    };
    expectStatus(await answer(ines().intake.POST('/v1/deliveries', { body: deliveryD })), 201, 'register delivery D');
    await eventually(
      'inspect D',
      () =>
        answer(
          ines().intake.POST('/v1/racks/{serial}/inspections', {
            ...rack('RK-D-0004'),
            body: { checks: passedChecks, outcome: 'ACCEPTED' },
          }),
        ),
      201,
    );
    await runSuite('RK-D-0004', 'burn-in', 'BAY-2', { training_throughput: [3500, 'tokens/s'], rack_power: [118, 'kW'] });
    const costly = await untilOptionIs('RK-D-0004', 'EXERCISABLE');
    expect(costly.evidence.value).toMatchObject({
      status: 'JUDGED',
      costVerdict: 'MISSES',
      missedTargets: ['maxUnitPrice'],
      costTargetsVersion: 1,
      price: { value: '3950000.00', target: '3500000.00', met: false },
      power: { unit: 'kW', missing: null },
      tco: { value: expect.stringMatching(/^\d+\.\d{2}$/) },
      margin: { value: expect.stringMatching(/^\d+\.\d{2}$/) },
    });
    // Power measured in the same (burn-in) run as the throughput: W per token comes from one run.
    expect(costly.evidence.evaluation?.performanceRunPower).toMatchObject({ suite: 'burn-in', unit: 'kW' });
    const noWaiver = await answer(
      fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
        ...option('RK-D-0004'),
        body: { decision: 'EXERCISE', rationale: 'fastest rack so far' },
      }),
    );
    expectError(noWaiver, 422, 'WAIVER_REQUIRED', 'exercise a rack that misses cost without a waiver');
    expect((await optionOf('RK-D-0004')).state).toBe('EXERCISABLE');
    const waived = expectStatus(
      await answer(
        fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          ...option('RK-D-0004'),
          body: { decision: 'EXERCISE', rationale: 'fastest rack so far', waiver: 'price premium accepted for early capacity' },
        }),
      ),
      200,
      'exercise D under a waiver',
    );
    expect(waived).toMatchObject({ state: 'PENDING_APPROVAL', pendingRequest: { waiver: 'price premium accepted for early capacity' } });
    expectStatus(
      await answer(
        farid().purchaseOption.POST('/v1/options/{rackSerial}/approval', {
          ...option('RK-D-0004'),
          body: { approve: true, note: 'waiver read' },
        }),
      ),
      200,
      'approve D',
    );
    await untilRackIs('RK-D-0004', 'PURCHASED');

    // Every state read back, and the audit trail lists each decision.
    expect((await optionOf('RK-A-0001')).state).toBe('EXERCISED');
    expect((await optionOf('RK-B-0002')).state).toBe('DECLINED');
    const audit = async (serial: string) =>
      expectStatus(
        await answer(fiona().purchaseOption.GET('/v1/audit', { params: { query: { rack: serial } } })),
        200,
        `audit ${serial}`,
      ).items.map((entry) => `${entry.action} by ${entry.actor}`);
    expect(await audit('RK-A-0001')).toEqual([
      'OPENED by ines',
      'EVALUATION_PASSED by results',
      'EXERCISE_REQUESTED by fiona',
      'APPROVED by farid',
    ]);
    expect(await audit('RK-B-0002')).toEqual([
      'OPENED by ines',
      'EVALUATION_FAILED by results',
      'EVALUATION_REOPENED by ada',
      'EVALUATION_FAILED by results',
      'DECLINED by fiona',
    ]);
    expect(await audit('RK-C-0003')).toEqual(['OPENED by ines', 'EVALUATION_PASSED by results', expect.stringMatching(/^LAPSED by /)]);
  });

  it('serves at /docs-json the OpenAPI documents the client is generated from', async () => {
    for (const service of ['intake', 'test-run', 'results', 'purchase-option'] as const) {
      const served = await (await fetch(`${system.url(service)}/docs-json`)).json();
      const committed = JSON.parse(readFileSync(join(__dirname, `../../../libs/contracts/openapi/${service}.openapi.json`), 'utf8'));
      expect({ service, document: served }).toEqual({ service, document: committed });
    }
  });
});
