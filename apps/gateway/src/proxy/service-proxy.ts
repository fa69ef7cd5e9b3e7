import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  MethodNotAllowedException,
  NotFoundException,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
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
import { UpstreamPool } from './upstream-pool';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const BODILESS = new Set(['GET', 'HEAD']);
/** A POST with an Idempotency-Key is held in memory up to this size so it can be sent again. */
const REPLAYABLE_BODY_BYTES = 1024 * 1024;

class UpstreamTimeout extends Error {}

/**
 * Forwards `/api/<service>/…` to one instance of that service (round-robin over the ready ones,
 * see UpstreamPool), streaming both bodies (CSV manifests and OCPTV streams pass through without
 * being held in memory). Only configured hosts are ever contacted, on a path checked by
 * `proxyTarget`, with allow-listed headers. The caller's token goes along: every service checks it
 * again. A request that could not reach an instance (refused or reset before any answer) is sent
 * once more to another instance when repeating it is safe: GET and HEAD, and a POST carrying an
 * Idempotency-Key (the service answers a repeat with the first answer), whose body is then held
 * in memory up to 1 MiB. Nothing else is repeated: the first instance may have acted on it.
 */
@Injectable()
export class ServiceProxy implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ServiceProxy.name);
  private readonly upstreams: ReadonlyMap<string, UpstreamPool>;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    // A Map: an indexed object would resolve `__proto__` or `constructor` as a service.
    const options = { checkIntervalMs: config.UPSTREAM_CHECK_INTERVAL_MS, checkTimeoutMs: config.UPSTREAM_CHECK_TIMEOUT_MS };
    this.upstreams = new Map(
      Object.entries(config.upstreamInstances()).map(([name, bases]) => [
        name,
        new UpstreamPool(
          name,
          bases.map((base) => new URL(base)),
          options,
        ),
      ]),
    );
  }

  onModuleInit(): void {
    for (const pool of this.upstreams.values()) pool.start();
  }

  onModuleDestroy(): void {
    for (const pool of this.upstreams.values()) pool.stop();
  }

  forward(request: Request, response: Response): void {
    const { service, pathAndQuery } = this.target(request, response);
    const pool = this.upstreams.get(service)!;
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
    const call: UpstreamCall = { service, pathAndQuery, method: request.method, headers, correlationId, pool, tried: [] };
    if (BODILESS.has(request.method) || pool.instances.length < 2 || !replayablePost(request)) {
      this.send(call, request, response, BODILESS.has(request.method) ? Buffer.alloc(0) : undefined);
      return;
    }
    // Held whole (at most REPLAYABLE_BODY_BYTES, its declared length) so it can be sent again.
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', (error) => response.destroy(error));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      delete call.headers['transfer-encoding'];
      call.headers['content-length'] = String(body.length);
      this.send(call, request, response, body);
    });
  }

  /** Sends the call to the next instance; `body` set (held in memory) means it may be sent again. */
  private send(call: UpstreamCall, request: Request, response: Response, body: Buffer | undefined): void {
    const base = call.pool.pick(call.tried);
    if (!base) throw new Error('unreachable: a pool always has an instance to try first');
    call.tried.push(base);
    const client = base.protocol === 'https:' ? https : http;
    const options = {
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      path: `${base.pathname.replace(/\/$/, '')}${call.pathAndQuery}`,
      method: call.method,
      headers: call.headers,
    };
    let upstream: http.ClientRequest;
    try {
      upstream = client.request(options);
    } catch (error) {
      throw new BadRequestException(`the request cannot be forwarded: ${(error as Error).message}`);
    }

    const { service, correlationId } = call;
    const timeoutMs = this.config.UPSTREAM_TIMEOUT_MS;
    // Idle time on the connection (a stalled upload or answer), and the wait for an answer once the
    // request is sent: a long upload that keeps moving is not cut off.
    let waiting: NodeJS.Timeout | undefined;
    let answered = false;
    let retried = false;
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
      if (!timedOut && !answered) call.pool.markDown(base, error.message);
      if (!timedOut && !answered && body !== undefined && !response.headersSent && call.tried.length < 2 && call.pool.pick(call.tried)) {
        retried = true;
        this.logger.warn(
          `${service} instance ${base.origin} unreachable (${error.message}); sending ${call.method} once more to another instance`,
        );
        this.send(call, request, response, body);
        return;
      }
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
      if (!retried && !response.writableFinished) upstream.destroy();
    });
    if (body !== undefined) upstream.end(body);
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

interface UpstreamCall {
  service: string;
  pathAndQuery: string;
  method: string;
  headers: http.OutgoingHttpHeaders;
  correlationId: string;
  pool: UpstreamPool;
  /** Instances this call was sent to, in order; a call is sent to at most two. */
  tried: URL[];
}

/** A POST that says it may be repeated (Idempotency-Key) with a declared body small enough to hold. */
function replayablePost(request: Request): boolean {
  if (request.method !== 'POST' || !request.headers['idempotency-key']) return false;
  const length = Number(request.headers['content-length']);
  return request.headers['transfer-encoding'] === undefined && Number.isInteger(length) && length <= REPLAYABLE_BODY_BYTES;
}
