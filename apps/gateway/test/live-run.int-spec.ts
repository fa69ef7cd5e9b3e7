/**
 * A run's live progress through the gateway, on the real broker and database: results and
 * test-run in their own processes behind the gateway; a viewer opens the stream with a ticket
 * while a test engineer logs samples in many small batches.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, ocptvRun, RackevalSystem, waitFor } from '@rackeval/testing';
import { EventStreamReader } from './support/run-progress-stream';

const GENERATION = 'LV1';
const RACK = 'RK-LIVE-1';
const PLAN = {
  suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 2, metrics: ['training_throughput', 'rack_power'] }],
};
const CRITERIA = {
  criteria: [
    { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' },
    { metric: 'rack_power', unit: 'kW', comparator: 'lte', max: 130, required: true, category: 'power' },
  ],
  diagnosisCriteria: [{ symptom: 'nvlink-fabric', requirePass: true, required: true, category: 'network' }],
};
/** An OCPTV v2 stream from the harness with one diagnosis and no samples. */
const diagnosisStream = (type: 'PASS' | 'FAIL') =>
  ocptvRun({
    serial: RACK,
    commandLine: 'nvlink-check',
    step: 'nvlink',
    artifacts: [{ diagnosis: { verdict: 'nvlink-fabric', type, message: `fabric check ${type}` } }],
    result: type,
  });
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));
const BOM = [
  {
    partNumber: 'GPU-TRAY-8',
    category: 'compute',
    quantity: 9,
    unitCost: '180000.00',
    currency: 'USD',
    supplier: 'Foxconn',
    countryOfOrigin: 'US',
  },
];

describe('live run progress through the gateway', () => {
  let tokens: TestTokens;
  let system: RackevalSystem;
  let url: string;
  const readers: AbortController[] = [];

  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokens.token(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, any> };
  };
  const until = (what: string, attempt: () => Promise<{ status: number; body: any }>, ...statuses: number[]) =>
    waitFor(
      what,
      async () => {
        const answer = await attempt();
        return statuses.includes(answer.status) ? answer : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
  const ticket = async (user: string) => (await call(user, 'POST', '/api/events/ticket')).body.ticket as string;
  const open = async (runId: string, ticketValue: string, query = 'buckets=50') => {
    const controller = new AbortController();
    readers.push(controller);
    const response = await fetch(`${url}/api/events/runs/${runId}?ticket=${encodeURIComponent(ticketValue)}&${query}`, {
      signal: controller.signal,
    });
    return { status: response.status, response, stream: response.ok && response.body ? new EventStreamReader(response.body) : undefined };
  };
  const power = (values: number[]) => ({ measurements: values.map((value) => ({ metric: 'rack_power', value, unit: 'kW' })) });

  beforeAll(async () => {
    tokens = await TestTokens.create();
    system = await RackevalSystem.start({ publicKeyFile: tokens.publicKeyFile, gateway: { keyDir: tokens.dir } });
    url = system.gatewayUrl();
    expect(
      (
        await call('ada', 'POST', '/api/intake/v1/generations', {
          code: GENERATION,
          name: 'Live',
          cooling: 'direct-liquid',
          rackPowerBudgetKw: '132.000',
          gpusPerRack: 72,
          domesticContentTargetPct: '40.00',
        })
      ).status,
    ).toBe(201);
    await until('plan', () => call('ada', 'PUT', `/api/test-run/v1/test-plans/${GENERATION}`, PLAN), 200);
    await until('criteria', () => call('ada', 'PUT', `/api/results/v1/criteria/${GENERATION}`, CRITERIA), 200, 201);
    expect((await call('ada', 'POST', '/api/test-run/v1/bays', { code: 'BAY-LV-1', site: 'PDX-1' })).status).toBe(201);
    const delivery = {
      reference: 'DEL-LIVE-1',
      site: 'PDX-1',
      receivedAt: '2026-11-25T08:30:00Z',
      racks: [{ serial: RACK, generation: GENERATION, lot: 'LOT-1', bom: BOM }],
    };
    expect((await call('ines', 'POST', '/api/intake/v1/deliveries', delivery)).status).toBe(201);
    expect((await call('ines', 'POST', `/api/intake/v1/racks/${RACK}/inspections`, { checks: CHECKS, outcome: 'ACCEPTED' })).status).toBe(
      201,
    );
  }, 300_000);

  afterAll(async () => {
    readers.forEach((controller) => controller.abort());
    await system?.stop();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('streams coalesced updates with the verdict so far, flips it when a figure crosses its limit, and ends when the run completes', async () => {
    const scheduled = await until(
      'schedule',
      () => call('tariq', 'POST', '/api/test-run/v1/runs', { rackSerial: RACK, suite: 'burn-in', bay: 'BAY-LV-1' }),
      201,
    );
    const runId = scheduled.body.id as string;
    expect((await call('tariq', 'POST', `/api/test-run/v1/runs/${runId}/start`)).status).toBe(200);
    await until(
      'results knows the run is RUNNING',
      async () => {
        const answer = await call('vic', 'GET', `/api/results/v1/runs/${runId}`);
        return { ...answer, status: answer.body?.state === 'RUNNING' ? 200 : 0 };
      },
      200,
    );

    // A viewer opens the stream: the state as it is, nothing logged yet, every criterion PENDING.
    const viewer = await open(runId, await ticket('vic'));
    expect(viewer.status).toBe(200);
    expect(viewer.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = (await viewer.stream!.until('first update', (e) => e.type === 'message')).data;
    expect(first).toMatchObject({ runId, state: 'RUNNING', verdict: 'PENDING', lastMeasurementId: '0' });
    expect(first.criteria.map((c: any) => [c.metric, c.result])).toEqual([
      ['training_throughput', 'PENDING'],
      ['rack_power', 'PENDING'],
    ]);
    expect(first.series.map((s: any) => [s.metric, s.samples])).toEqual([
      ['training_throughput', 0],
      ['rack_power', 0],
    ]);

    // Twenty batches sent at once, as a harness flushing its buffers does: the updates are coalesced
    // (at most four a second, however slow the machine), and the last has every sample.
    const batches = 20;
    const sentAt = Date.now();
    const answers = await Promise.all(
      Array.from({ length: batches }, (_, i) =>
        call(
          'tariq',
          'POST',
          `/api/results/v1/runs/${runId}/measurements`,
          power(Array.from({ length: 50 }, (_, j) => 110 + ((i + j) % 10))),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(batches).fill(201));
    const settled = await viewer.stream!.until('all 1000 samples', (e) => e.data.series?.[1]?.samples === batches * 50);
    const during = viewer.stream!.updates().slice(1);
    // Every update after the first was sent between the first batch and the last sample's arrival.
    expect(during.length).toBeLessThanOrEqual(Math.floor((Date.now() - sentAt) / 250) + 1);
    const counts = during.map((u) => u.series[1].samples as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(settled.data.criteria[1]).toMatchObject({ metric: 'rack_power', result: 'PASS', measured: 119, samples: 1000 });
    expect(settled.data.verdict).toBe('PENDING'); // throughput has no sample yet
    expect(settled.data.series[1].buckets.length).toBeGreaterThan(0);

    expect(settled.data.diagnosisCriteria).toEqual([
      expect.objectContaining({ symptom: 'nvlink-fabric', result: 'PENDING', diagnoses: 0 }),
    ]);

    // Throughput arrives; the run still waits for the PASS diagnosis its diagnosis criterion needs.
    expect(
      (
        await call('tariq', 'POST', `/api/results/v1/runs/${runId}/measurements`, {
          measurements: [{ metric: 'training_throughput', value: 3400, unit: 'tokens/s' }],
        })
      ).status,
    ).toBe(201);
    await viewer.stream!.until('throughput judged', (e) => e.data.criteria?.[0]?.result === 'PASS');
    expect(viewer.stream!.updates().at(-1)?.verdict).toBe('PENDING');

    // The harness reports the diagnosis (no new sample): the run would pass now.
    const ocptv = await fetch(`${url}/api/results/v1/runs/${runId}/ocptv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokens.token('tariq')}`, 'content-type': 'application/x-ndjson' },
      body: diagnosisStream('PASS'),
    });
    expect(ocptv.status).toBe(201);
    const passed = await viewer.stream!.until('verdict so far PASS', (e) => e.data.verdict === 'PASS');
    expect(passed.data.diagnosisCriteria[0]).toMatchObject({
      result: 'PASS',
      diagnoses: 1,
      decidedBy: { type: 'PASS', symptom: 'nvlink-fabric' },
    });

    // A second viewer joins and gets the same state at once (one feed per run, shared).
    const second = await open(runId, await ticket('fiona'));
    expect((await second.stream!.until('second viewer', (e) => e.type === 'message')).data.verdict).toBe('PASS');

    // One sample above the power ceiling: rack_power, judged on its maximum, flips to FAIL with the figure.
    expect((await call('tariq', 'POST', `/api/results/v1/runs/${runId}/measurements`, power([131.5]))).status).toBe(201);
    const failed = await viewer.stream!.until('verdict so far FAIL', (e) => e.data.verdict === 'FAIL');
    expect(failed.data.criteria[1]).toMatchObject({
      metric: 'rack_power',
      result: 'FAIL',
      measured: 131.5,
      reason: 'max 131.5 kW is above max 130 kW',
    });
    expect(failed.data.criteria[0]).toMatchObject({ metric: 'training_throughput', result: 'PASS', measured: 3400 });

    // Completion ends both streams; the final verdict agrees with the last verdict so far.
    expect((await call('tariq', 'POST', `/api/test-run/v1/runs/${runId}/complete`)).status).toBe(200);
    await viewer.stream!.until('end', (e) => e.type === 'end');
    await second.stream!.until('end', (e) => e.type === 'end');
    const verdict = await until('final verdict', () => call('vic', 'GET', `/api/results/v1/runs/${runId}/verdict`), 200);
    expect(verdict.body.verdict).toBe('FAIL');
  });

  it("opens only with a fresh ticket, and answers an unknown run with results' 404", async () => {
    const used = await ticket('vic');
    const unknown = await open('00000000-0000-4000-8000-000000000000', used);
    expect(unknown.status).toBe(404);
    expect(((await unknown.response.json()) as { code: string }).code).toBe('UNKNOWN_RUN');
    expect((await open('00000000-0000-4000-8000-000000000000', used)).status).toBe(401);
    expect((await open('00000000-0000-4000-8000-000000000000', 'made-up')).status).toBe(401);
    expect((await fetch(`${url}/api/events/runs/not-a-run?ticket=${await ticket('vic')}`)).status).toBe(400);
    expect((await open('00000000-0000-4000-8000-000000000000', await ticket('vic'), 'buckets=0')).status).toBe(400);
  });
});
