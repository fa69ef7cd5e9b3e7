import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;

/**
 * OpenTelemetry tracing for one process: W3C trace context, AsyncLocalStorage context, PostgreSQL
 * query spans, and an OTLP/HTTP exporter when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set. Without an endpoint spans are still created (their
 * ids go into every log line as `traceId`/`spanId`) but exported nowhere. HTTP server spans come
 * from the request middleware, Kafka spans from the outbox relay and the inbox (libs/messaging),
 * which carry the trace across the outbox explicitly. Query spans are made only when spans go
 * somewhere (an exporter or an `extra` processor). Call once, before the application starts.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, extra: SpanProcessor[] = []): void {
  if (provider) return;
  const exporting =
    Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_TRACES_EXPORTER !== 'none';
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? `rackeval-${serviceName}` }),
    spanProcessors: [...(exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []), ...extra],
  });
  provider.register();
  // A span per SQL statement costs each query an id, attributes and context work (a few per cent of a
  // service's CPU under load); without anywhere to send spans nobody would ever see them.
  if (exporting || extra.length)
    registerInstrumentations({ tracerProvider: provider, instrumentations: [new PgInstrumentation({ requireParentSpan: true })] });
}

/** Exports what is buffered (at shutdown). The provider stays registered: the OpenTelemetry API takes one per process. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

/** Flushes spans when the application shuts down. */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTracing();
  }
}

/** The active span's ids for a log line, when there is a sampled span. */
export function traceIds(): { traceId?: string; spanId?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || context.traceFlags === 0) return {};
  return { traceId: context.traceId, spanId: context.spanId };
}
