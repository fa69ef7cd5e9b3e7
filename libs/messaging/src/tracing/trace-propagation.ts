import { Context, context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * W3C trace context across the outbox. The outbox breaks automatic propagation (the relay sends
 * later, from another context), so the link is carried explicitly: the `traceparent` of the
 * transaction that wrote an event is stored with its outbox row, the relay sends it as a Kafka
 * header (as the parent of its own publish span), and the consumer continues the trace from it.
 * Without a registered tracer provider every call here is a no-op.
 */
const tracer = () => trace.getTracer('rackeval-messaging');

/** The active trace as W3C headers (`traceparent`, maybe `tracestate`); empty when nothing is traced. */
export function activeTraceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a set of headers carries (Kafka record headers, stored outbox headers). */
export function contextFromHeaders(headers: Record<string, unknown>): Context {
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headers[name];
    if (value !== undefined && value !== null) carrier[name] = Buffer.isBuffer(value) ? value.toString() : String(value);
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** A publish span for one outbox row, child of the trace that wrote it; returns the headers to send. */
export function startPublishSpan(
  service: string,
  topic: string,
  headers: Record<string, string>,
): { span: Span; headers: Record<string, string> } {
  const parent = contextFromHeaders(headers);
  const span = tracer().startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'rackeval.service': service,
        'cloudevents.event_type': headers.ce_type,
      },
    },
    parent,
  );
  return { span, headers: { ...headers, ...activeTraceHeaders(trace.setSpan(parent, span)) } };
}

/** Runs `work` in a consumer span continuing the trace the record carries. */
export async function inConsumerSpan<T>(
  service: string,
  topic: string,
  headers: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const parent = contextFromHeaders(headers);
  const type = headers.ce_type === undefined ? 'unknown' : String(headers.ce_type);
  const span = tracer().startSpan(
    `process ${type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'rackeval.service': service,
        'cloudevents.event_type': type,
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    endWithError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export function endWithError(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
