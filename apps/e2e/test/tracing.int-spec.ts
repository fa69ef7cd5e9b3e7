/**
 * One trace follows a request across the event path: the run completion in test-run, through its
 * outbox relay into results' consumer, the evaluation results publishes, and the consumers in
 * purchase-option and intake — four services, each in its own process, exporting over OTLP/HTTP to
 * a collector on loopback.
 */
import { TestTokens } from '@rackeval/auth/testing';
import {
  answer,
  bom,
  BURN_IN_CRITERIA,
  deleteTestTopics,
  eventually,
  expectStatus,
  RackevalSystem,
  receiveRacks,
  setUpGeneration,
  TestApi,
  waitFor,
} from '@rackeval/testing';
import { randomBytes } from 'node:crypto';
import { CollectedSpan, OtlpCollector } from './support/otlp-collector';

const TRACED = { OTEL_BSP_SCHEDULE_DELAY: '100' };

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
    const tariq = api.as('tariq');
    await setUpGeneration(api, {
      code: 'GT',
      name: 'Traced',
      plan: { suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 1, metrics: ['training_throughput'] }] },
      criteria: { criteria: [BURN_IN_CRITERIA.criteria[0]] },
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '9000000.00' },
      bays: ['BAY-T'],
    });
    await receiveRacks(api, { reference: 'TRACE-1', racks: [{ serial: 'RK-T-0001', generation: 'GT', lot: 'LOT-1', bom: bom(['gpu']) }] });
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
