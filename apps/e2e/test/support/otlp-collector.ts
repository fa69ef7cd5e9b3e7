import { createServer, Server } from 'node:http';

export interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

interface OtlpJson {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans?: Array<{ spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number }> }>;
  }>;
}

/**
 * A trace collector on loopback speaking OTLP/HTTP with JSON bodies, as the services' exporter
 * sends them (`POST /v1/traces`). It keeps every span it receives, named by the service's resource.
 */
export class OtlpCollector {
  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    private readonly received: OtlpJson[],
  ) {}

  /** Every span received so far. */
  get spans(): CollectedSpan[] {
    return this.received.flatMap((body) => spansOf(body));
  }

  static async start(): Promise<OtlpCollector> {
    const received: OtlpJson[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') received.push(JSON.parse(Buffer.concat(chunks).toString() || '{}') as OtlpJson);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return new OtlpCollector(server, `http://127.0.0.1:${port}`, received);
  }

  inTrace(traceId: string): CollectedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function spansOf(body: OtlpJson): CollectedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service =
      resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? 'unknown';
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({ service, ...span, parentSpanId: span.parentSpanId || undefined })),
    );
  });
}
