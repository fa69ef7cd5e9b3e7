/**
 * One trace follows a request across the event path: the run completion in test-run, through its
 * outbox relay into results' consumer, the evaluation results publishes, and the consumers in
 * purchase-option and intake — four services, each in its own process, exporting over OTLP/HTTP to
 * a collector on loopback.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { answer, deleteTestTopics, eventually, expectStatus, RackevalSystem, TestApi, waitFor } from '@rackeval/testing';
import { randomBytes } from 'node:crypto';
import { CollectedSpan, OtlpCollector } from './support/otlp-collector';

const TRACED = { OTEL_BSP_SCHEDULE_DELAY: '100' };
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));

describe('a trace across the event path', () => {
  let tokens: TestTokens;
  let collector: OtlpCollector;
  let system: RackevalSystem;
  let api: TestApi;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    collector = await OtlpCollector.start();
    const env = { ...TRACED, OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
    system = await RackevalSystem.start({
      publicKeyFile: tokens.publicKeyFile,
      env: { intake: env, 'test-run': env, results: env, 'purchase-option': env },
    });
    api = TestApi.direct(system, tokens);
  });

  afterAll(async () => {
    await system?.stop();
    await collector?.stop();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('spans test-run, results, purchase-option and intake from one run completion, through each outbox and consumer', async () => {
    const [ada, fiona, farid, ines, tariq] = ['ada', 'fiona', 'farid', 'ines', 'tariq'].map((user) => api.as(user));
    const generation = {
      code: 'GT',
      name: 'Traced',
      cooling: 'direct-liquid',
      rackPowerBudgetKw: '132.000',
      gpusPerRack: 72,
      domesticContentTargetPct: '40.00',
    };
    expectStatus(await ada.post('/intake/v1/generations', generation), 201, 'generation');
    const plan = { suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 1, metrics: ['training_throughput'] }] };
    await eventually('test plan', () => ada.put('/test-run/v1/test-plans/GT', plan), 200);
    const criteria = {
      criteria: [
        { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' },
      ],
    };
    await eventually('criteria', () => ada.put('/results/v1/criteria/GT', criteria), 200);
    await eventually(
      'terms',
      () =>
        fiona.put('/purchase-option/v1/terms/GT', {
          unitPrice: '3950000.00',
          currency: 'USD',
          windowDays: 30,
          approvalThreshold: '9000000.00',
        }),
      201,
    );
    expectStatus(
      await farid.post('/purchase-option/v1/terms/GT/versions/1/approval', { approve: true, note: 'agreed' }),
      200,
      'approve terms',
    );
    expectStatus(await ada.post('/test-run/v1/bays', { code: 'BAY-T', site: 'PDX-1' }), 201, 'bay');
    const bom = [
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
    const delivery = {
      reference: 'TRACE-1',
      site: 'PDX-1',
      receivedAt: '2026-11-25T08:30:00Z',
      racks: [{ serial: 'RK-T-0001', generation: 'GT', lot: 'LOT-1', bom }],
    };
    expectStatus(await ines.post('/intake/v1/deliveries', delivery), 201, 'delivery');
    expectStatus(await ines.post('/intake/v1/racks/RK-T-0001/inspections', { checks: CHECKS, outcome: 'ACCEPTED' }), 201, 'inspection');
    const run = await eventually(
      'schedule',
      () => tariq.post('/test-run/v1/runs', { rackSerial: 'RK-T-0001', suite: 'burn-in', bay: 'BAY-T' }),
      201,
    );
    expectStatus(await tariq.post(`/test-run/v1/runs/${run.id}/start`), 200, 'start');
    const measurements = [{ metric: 'training_throughput', value: 3400, unit: 'tokens/s' }];
    await eventually('measurements', () => tariq.post(`/results/v1/runs/${run.id}/measurements`, { measurements }), 201);

    // The completion carries a trace context of the caller's, as a harness with tracing would send.
    const traceId = randomBytes(16).toString('hex');
    const completed = await answer(
      tariq.testRun.POST('/v1/runs/{id}/complete', {
        params: { path: { id: run.id } },
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      }),
    );
    expect(completed.status).toBe(200);

    // Spans reach the collector in batches, from four processes: wait for every one the path must have.
    const expected: Array<[string, RegExp]> = [
      ['rackeval-test-run', /^POST \/v1\/runs\/:id\/complete$/],
      ['rackeval-test-run', /^publish .*rackeval\.test-run\.run-events$/],
      ['rackeval-results', /^process rackeval\.test-run\.run\.completed\.v1$/],
      ['rackeval-results', /^publish .*rackeval\.results\.evaluation-events$/],
      ['rackeval-purchase-option', /^process rackeval\.results\.rack\.evaluation-completed\.v1$/],
      ['rackeval-intake', /^process rackeval\.results\.rack\.evaluation-completed\.v1$/],
    ];
    const missing = (found: CollectedSpan[]) =>
      expected
        .filter(([service, name]) => !found.some((span) => span.service === service && name.test(span.name)))
        .map(([service, name]) => `${service} ${name}`);
    await waitFor('every span of the path in the trace', () => missing(collector.inTrace(traceId)).length === 0, {
      timeoutMs: 30_000,
      intervalMs: 200,
    }).catch((error: Error) => {
      throw new Error(`${error.message}; missing: ${missing(collector.inTrace(traceId)).join(', ')}`);
    });
    // One tree, not spans stitched by id: from each span of the path, the parents lead to the
    // completion request, whose own parent is the caller's span.
    const spans = collector.inTrace(traceId);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const rootOf = (span: CollectedSpan): CollectedSpan => {
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      return parent ? rootOf(parent) : span;
    };
    const onPath = spans.filter((span) => expected.some(([service, name]) => span.service === service && name.test(span.name)));
    expect(new Set(onPath.map((span) => `${rootOf(span).service} ${rootOf(span).name}`))).toEqual(
      new Set(['rackeval-test-run POST /v1/runs/:id/complete']),
    );
  });
});
