import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { currentContext } from '@rackeval/messaging';
import { CORRELATION_HEADER } from '@rackeval/platform';
import type { Request, Response } from 'express';
import http from 'node:http';
import https from 'node:https';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/** Headers that belong to one hop and must not be forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

/**
 * Forwards `/api/<service>/…` to the service, streaming both bodies (CSV manifests and OCPTV
 * streams pass through without being held in memory). The caller's token goes along: every
 * service checks it again.
 */
@Injectable()
export class ServiceProxy {
  private readonly logger = new Logger(ServiceProxy.name);

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  forward(service: string, request: Request, response: Response): void {
    const base = this.config.upstreams()[service];
    if (!base) throw new NotFoundException(`there is no service named ${service}; use intake, test-run, results or purchase-option`);
    const target = new URL(request.originalUrl.slice(`/api/${service}`.length) || '/', base);
    const headers = forwardable(request.headers);
    headers[CORRELATION_HEADER] = currentContext()?.correlationId ?? String(request.headers[CORRELATION_HEADER] ?? '');
    headers['x-forwarded-for'] = request.ip ?? '';

    const client = target.protocol === 'https:' ? https : http;
    const upstream = client.request(target, { method: request.method, headers }, (answer) => {
      response.status(answer.statusCode ?? 502);
      for (const [name, value] of Object.entries(forwardable(answer.headers))) {
        if (value !== undefined) response.setHeader(name, value);
      }
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      this.logger.warn(`${service} unreachable at ${base}: ${error.message}`);
      if (!response.headersSent) {
        response.status(502).json({
          statusCode: 502,
          error: 'Bad gateway',
          code: 'UPSTREAM_UNAVAILABLE',
          message: `${service} is not answering; try again shortly`,
          details: [],
          correlationId: headers[CORRELATION_HEADER],
        });
      } else {
        response.destroy(error);
      }
    });
    request.pipe(upstream);
  }
}

function forwardable(headers: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}
