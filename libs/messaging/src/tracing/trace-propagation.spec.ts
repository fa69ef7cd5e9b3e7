import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { activeTraceHeaders, inConsumerSpan, startPublishSpan } from './trace-propagation';

describe('trace context across the outbox', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register());
  beforeEach(() => exporter.reset());

  it('follows one trace from the transaction that wrote an event, through the relay, into the consumer and what it writes', async () => {
    const request = trace.getTracer('test').startSpan('POST /v1/runs/:id/complete');
    // The transaction stores the active trace with the outbox row.
    const stored = context.with(trace.setSpan(context.active(), request), () => activeTraceHeaders());
    request.end();
    expect(stored.traceparent).toMatch(new RegExp(`^00-${request.spanContext().traceId}-${request.spanContext().spanId}-01$`));

    // The relay publishes it as a child span and sends that span's context with the record.
    const published = startPublishSpan('test-run', 'rackeval.test-run.run-events', {
      ce_type: 'rackeval.test-run.run.completed.v1',
      ...stored,
    });
    published.span.end();
    expect(published.headers.ce_type).toBe('rackeval.test-run.run.completed.v1');

    // The consumer continues from the record's headers; what it writes to its own outbox carries the same trace.
    const written = await inConsumerSpan('results', 'rackeval.test-run.run-events', published.headers, async () => activeTraceHeaders());

    const spans = exporter.getFinishedSpans();
    const [publish, consume] = ['publish rackeval.test-run.run-events', 'process rackeval.test-run.run.completed.v1'].map((name) =>
      spans.find((span) => span.name === name)!,
    );
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([request.spanContext().traceId]));
    expect(publish.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(consume.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    expect(written.traceparent).toContain(consume.spanContext().spanId);
  });

  it('starts no trace of its own for a record without trace context', async () => {
    const written = await inConsumerSpan('results', 't', { ce_type: 'x' }, async () => activeTraceHeaders());
    const [consume] = exporter.getFinishedSpans();
    expect(consume.parentSpanContext).toBeUndefined();
    expect(written.traceparent).toContain(consume.spanContext().traceId);
  });

  it('marks a consumer span failed when the handler fails, and rethrows', async () => {
    await expect(inConsumerSpan('results', 't', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0].status).toMatchObject({ code: 2, message: 'boom' });
  });
});
