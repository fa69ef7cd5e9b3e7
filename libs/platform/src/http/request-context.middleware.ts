import { Logger } from '@nestjs/common';
import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { redactCredentials } from '@rackeval/auth';
import { runWithContext } from '@rackeval/messaging';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Histogram } from 'prom-client';
import { metric } from '@rackeval/messaging';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

const httpDuration = metric(
  'rackeval_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'rackeval_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

const logger = new Logger('Http');

/**
 * Gives every request a correlation id (the caller's, or a new one), returns it in the response,
 * and runs the rest of the request inside that context so logs and events carry it. Logs and
 * times each request when it finishes.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header(CORRELATION_HEADER);
  const correlationId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  const requestId = randomUUID();
  response.setHeader(CORRELATION_HEADER, correlationId);
  const started = process.hrtime.bigint();
  const context = { correlationId, causationId: requestId };
  // The server span continues the caller's W3C trace (the gateway's, a harness's) when it sends one.
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const span = trace.getTracer('rackeval-http').startSpan(
    `${request.method} ${request.path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'url.path': request.path, 'rackeval.correlation_id': correlationId },
    },
    parent,
  );
  response.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
    span.updateName(`${request.method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    otelContext.with(trace.setSpan(parent, span), () =>
      runWithContext(context, () =>
        logger.log({
          message: 'request',
          method: request.method,
          // A token may arrive in a query string (a misconfigured client); it never reaches a log line.
          path: redactCredentials(request.originalUrl),
          status: response.statusCode,
          durationMs: Math.round(seconds * 1000),
        }),
      ),
    );
  });
  otelContext.with(trace.setSpan(parent, span), () => runWithContext(context, next));
}
