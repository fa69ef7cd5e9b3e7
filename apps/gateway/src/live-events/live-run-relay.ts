import { Inject, Injectable, Logger } from '@nestjs/common';
import { currentContext } from '@rackeval/messaging';
import { CORRELATION_HEADER } from '@rackeval/platform';
import type { Response } from 'express';
import http from 'node:http';
import https from 'node:https';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { LiveTicketGrant } from './live-tickets';

/** A comment line now and then keeps idle proxies from closing a quiet stream (a run may log nothing for minutes). */
const KEEP_ALIVE_MS = 15_000;
const EXPIRED = { message: 'the token this stream was opened with has expired; open it again with a new ticket' };

/**
 * Relays results' progress stream of one run (`GET /v1/runs/{runId}/live`) to a browser that
 * opened it with a ticket. Why here and not on the Kafka-fed stream: the verdict so far needs the
 * run's samples and the results rule that judges them, which only results has; publishing every
 * sample batch as an event would flood the topic every results consumer reads. So the gateway
 * keeps the edge (ticket, roles, token expiry) and results serves one feed per watched run, shared
 * by all its viewers, throttled and coalesced there (see apps/results/src/live).
 */
@Injectable()
export class LiveRunRelay {
  private readonly logger = new Logger(LiveRunRelay.name);
  private readonly instances: URL[];

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.instances = (config.upstreamInstances().results ?? []).map((base) => new URL(base));
  }

  relay(runId: string, grant: LiveTicketGrant & { token: string }, buckets: string | undefined, response: Response): void {
    const base = this.instances[Math.floor(Math.random() * this.instances.length)];
    const query = buckets !== undefined ? `?buckets=${encodeURIComponent(buckets)}` : '';
    const headers: http.OutgoingHttpHeaders = { accept: 'text/event-stream', authorization: `Bearer ${grant.token}` };
    headers[CORRELATION_HEADER] = currentContext()?.correlationId ?? '';
    const client = base.protocol === 'https:' ? https : http;
    const upstream = client.request({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      path: `${base.pathname.replace(/\/$/, '')}/v1/runs/${runId}/live${query}`,
      method: 'GET',
      headers,
    });
    const answerTimeout = setTimeout(
      () => upstream.destroy(new Error(`results did not answer within ${this.config.UPSTREAM_TIMEOUT_MS} ms`)),
      this.config.UPSTREAM_TIMEOUT_MS,
    );
    let keepAlive: NodeJS.Timeout | undefined;
    let expiry: NodeJS.Timeout | undefined;
    const stop = () => {
      clearTimeout(answerTimeout);
      clearInterval(keepAlive);
      clearTimeout(expiry);
      upstream.destroy();
    };
    response.on('close', stop);

    upstream.on('response', (answer) => {
      clearTimeout(answerTimeout);
      if (answer.statusCode !== 200) {
        // Results' own refusal (unknown run 404, a role it does not accept 403), in the one error shape.
        response.status(answer.statusCode ?? 502).setHeader('content-type', answer.headers['content-type'] ?? 'application/json');
        answer.pipe(response);
        return;
      }
      response.status(200);
      response.setHeader('content-type', 'text/event-stream');
      response.setHeader('cache-control', 'no-cache');
      response.setHeader('x-accel-buffering', 'no');
      response.flushHeaders();
      keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      expiry = setTimeout(
        () => {
          response.end(`event: expired\ndata: ${JSON.stringify(EXPIRED)}\n\n`);
          stop();
        },
        Math.max(0, grant.tokenExpiresAt - Date.now()),
      );
      answer.on('error', () => response.destroy());
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      stop();
      if (response.headersSent) {
        response.destroy();
        return;
      }
      this.logger.warn(`run ${runId}'s live stream: results unreachable: ${error.message}`);
      response.status(502).json({
        statusCode: 502,
        error: 'Bad gateway',
        code: 'UPSTREAM_UNAVAILABLE',
        message: 'results is not answering; try again shortly',
        details: [],
        correlationId: headers[CORRELATION_HEADER],
      });
    });
    upstream.end();
  }
}
