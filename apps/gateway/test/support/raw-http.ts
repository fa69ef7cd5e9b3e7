import http from 'node:http';
import { AddressInfo, connect } from 'node:net';

export interface RawAnswer {
  status: number;
  head: string;
  body: string;
  /** How many responses came back on the connection (more than one means a request was smuggled). */
  responses: number;
}

/**
 * Sends bytes exactly as given (no client normalises the path) and reads until the server closes
 * the connection; requests should say `Connection: close`.
 */
export function rawRequest(port: number, text: string, options: { localAddress?: string; timeoutMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: options.localAddress });
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = raw.split('\r\n\r\n');
      const body = rest.join('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0),
        head,
        body: /^transfer-encoding: *chunked/im.test(head) ? dechunk(body) : body,
        responses: raw.match(/^HTTP\/1\.1 \d{3}/gm)?.length ?? 0,
      });
    };
    const timer = setTimeout(done, options.timeoutMs ?? 3_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', done);
    socket.on('error', (error) => (chunks.length ? done() : reject(error)));
    socket.write(text, 'latin1');
  });
}

function dechunk(body: string): string {
  let decoded = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return decoded;
    decoded += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server that records every connection and request; it answers with what it received, or never. */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  connections = 0;
  port = 0;
  private readonly server: http.Server;

  private constructor(mode: 'echo' | 'stall') {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const recorded = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        };
        this.requests.push(recorded);
        if (mode === 'stall') return;
        response.writeHead(200, {
          'content-type': 'application/json',
          'x-powered-by': 'Express',
          'set-cookie': 'upstream=1',
          'x-internal': 'yes',
        });
        response.end(JSON.stringify(recorded));
      });
    });
    this.server.on('connection', () => (this.connections += 1));
  }

  static async start(mode: 'echo' | 'stall'): Promise<RecordingServer> {
    const recorder = new RecordingServer(mode);
    await new Promise<void>((resolve) => recorder.server.listen(0, '127.0.0.1', resolve));
    recorder.port = (recorder.server.address() as AddressInfo).port;
    return recorder;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A JSON POST from a chosen loopback address (127.0.0.2, …), so tests can act as different callers. */
export function postFrom(
  localAddress: string,
  url: string,
  body: unknown,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: { message?: string; code?: string } }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: JSON.parse(Buffer.concat(chunks).toString() || '{}'),
        }),
      );
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** Reads a server-sent stream until it ends or the time is up; returns the raw text and whether it ended. */
export async function readStream(url: string, timeoutMs: number): Promise<{ status: number; text: string; ended: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let text = '';
  let ended = false;
  let status = 0;
  try {
    const response = await fetch(url, { signal: controller.signal });
    status = response.status;
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      text += Buffer.from(value).toString();
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status, text, ended };
}
