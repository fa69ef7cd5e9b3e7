import { BadRequestException, Inject, Injectable, Logger, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { currentContext } from '@rackeval/messaging';
import { CORRELATION_HEADER } from '@rackeval/platform';
import type { Request, Response } from 'express';
import http from 'node:http';
import https from 'node:https';
import { context, propagation } from '@opentelemetry/api';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { forwardedRequestHeaders, forwardedResponseHeaders, hasBody } from './proxy-headers';
import { ProxyRefusal, proxyTarget } from './proxy-target';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const BODILESS = new Set(['GET', 'HEAD']);

class UpstreamTimeout extends Error {}

/**
 * Forwards `/api/<service>/…` to that service's configured base URL, streaming both bodies (CSV
 * manifests and OCPTV streams pass through without being held in memory). Only the configured
 * host is ever contacted, on a path checked by `proxyTarget`, with allow-listed headers. The
 * caller's token goes along: every service checks it again.
 */
@Injectable()
export class ServiceProxy {
  private readonly logger = new Logger(ServiceProxy.name);
  private readonly upstreams: ReadonlyMap<string, URL>;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    // A Map: an indexed object would resolve `__proto__` or `constructor` as a service.
    this.upstreams = new Map(Object.entries(config.upstreams()).map(([name, base]) => [name, new URL(base)]));
  }

  forward(request: Request, response: Response): void {
    const { service, pathAndQuery } = this.target(request, response);
    const base = this.upstreams.get(service)!;
    const headers = forwardedRequestHeaders(request.headers);
    const correlationId = currentContext()?.correlationId ?? String(request.headers[CORRELATION_HEADER] ?? '');
    headers[CORRELATION_HEADER] = correlationId;
    // The service continues the gateway's trace (the caller's own traceparent was not forwarded).
    propagation.inject(context.active(), headers);
    headers['x-forwarded-for'] = request.ip ?? '';
    // Re-frame the body explicitly: Node writes a body without framing for some methods, which
    // the service would read as a second request.
    if (request.headers['transfer-encoding'] !== undefined) {
      delete headers['content-length'];
      headers['transfer-encoding'] = 'chunked';
    }

    const client = base.protocol === 'https:' ? https : http;
    const options = {
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      path: `${base.pathname.replace(/\/$/, '')}${pathAndQuery}`,
      method: request.method,
      headers,
    };
    let upstream: http.ClientRequest;
    try {
      upstream = client.request(options);
    } catch (error) {
      throw new BadRequestException(`the request cannot be forwarded: ${(error as Error).message}`);
    }

    const timeoutMs = this.config.UPSTREAM_TIMEOUT_MS;
    // Idle time on the connection (a stalled upload or answer), and the wait for an answer once the
    // request is sent: a long upload that keeps moving is not cut off.
    let waiting: NodeJS.Timeout | undefined;
    let answered = false;
    upstream.setTimeout(timeoutMs, () => upstream.destroy(new UpstreamTimeout()));
    upstream.on('finish', () => {
      if (!answered) waiting = setTimeout(() => upstream.destroy(new UpstreamTimeout()), timeoutMs);
    });
    upstream.on('response', (answer) => {
      answered = true;
      clearTimeout(waiting);
      response.status(answer.statusCode ?? 502);
      for (const [name, value] of Object.entries(forwardedResponseHeaders(answer.headers))) {
        if (value !== undefined) response.setHeader(name, value);
      }
      answer.on('error', (error) => response.destroy(error));
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      clearTimeout(waiting);
      const timedOut = error instanceof UpstreamTimeout;
      this.logger.warn(`${service} ${timedOut ? `did not answer within ${timeoutMs} ms` : `unreachable: ${error.message}`}`);
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      response.status(timedOut ? 504 : 502).json({
        statusCode: timedOut ? 504 : 502,
        error: timedOut ? 'Gateway timeout' : 'Bad gateway',
        code: timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
        message: timedOut ? `${service} did not answer in time; try again shortly` : `${service} is not answering; try again shortly`,
        details: [],
        correlationId,
      });
    });
    // The caller left: stop the service's work on our side too.
    response.on('close', () => {
      clearTimeout(waiting);
      if (!response.writableFinished) upstream.destroy();
    });
    if (BODILESS.has(request.method)) upstream.end();
    else request.pipe(upstream);
  }

  private target(request: Request, response: Response): { service: string; pathAndQuery: string } {
    if (!METHODS.has(request.method)) throw new MethodNotAllowedException(`${request.method} is not forwarded`);
    let target: { service: string; pathAndQuery: string };
    try {
      target = proxyTarget(request.originalUrl, this.upstreams);
    } catch (error) {
      if (!(error instanceof ProxyRefusal)) throw error;
      throw error.status === 404 ? new NotFoundException(error.message) : new BadRequestException(error.message);
    }
    // A body on GET or HEAD has no meaning for the services and is how requests get smuggled.
    if (BODILESS.has(request.method) && hasBody(request.headers)) {
      response.setHeader('connection', 'close');
      throw new BadRequestException(`a ${request.method} request must not carry a body`);
    }
    return target;
  }
}
