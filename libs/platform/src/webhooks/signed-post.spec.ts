import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postSignedWebhook } from './signed-post';
import { verifyWebhookSignature, WEBHOOK_HEADERS } from './webhook-signature';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback receiver answering `status` to everything it is sent. */
async function receiver(status: number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('postSignedWebhook', () => {
  const message = { event: 'finding.reported', delivery: 'd-1', body: '{"x":1}', userAgent: 'rackeval-test' };
  const now = new Date('2026-11-30T12:00:00.000Z');
  let open: Server[] = [];
  afterEach(async () => {
    await Promise.all(open.map((server) => new Promise((resolve) => server.close(resolve))));
    open = [];
  });

  it('posts the body as JSON with the event, the delivery id, the timestamp and a signature the receiver can verify', async () => {
    const hook = await receiver(204);
    open.push(hook.server);

    const answer = await postSignedWebhook({ url: hook.url, secret: 's3cret', timeoutMs: 5_000 }, message, now);

    expect(answer).toMatchObject({ statusCode: 204, error: null });
    const [hit] = hook.received;
    expect(hit.body).toBe('{"x":1}');
    expect(hit.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'rackeval-test',
      [WEBHOOK_HEADERS.event]: 'finding.reported',
      [WEBHOOK_HEADERS.delivery]: 'd-1',
      [WEBHOOK_HEADERS.timestamp]: String(now.getTime() / 1000),
    });
    const signature = String(hit.headers[WEBHOOK_HEADERS.signature]);
    expect(verifyWebhookSignature('s3cret', String(now.getTime() / 1000), hit.body, signature)).toBe(true);
  });

  it('answers a non-2xx status as an error to retry, without throwing', async () => {
    const hook = await receiver(503);
    open.push(hook.server);

    const answer = await postSignedWebhook({ url: hook.url, secret: 's', timeoutMs: 5_000 }, message, now);

    expect(answer).toMatchObject({ statusCode: 503, error: 'receiver answered 503' });
  });

  it('answers a refused connection as an error without a status', async () => {
    const hook = await receiver(200);
    await new Promise((resolve) => hook.server.close(resolve));

    const answer = await postSignedWebhook({ url: hook.url, secret: 's', timeoutMs: 5_000 }, message, now);

    expect(answer.statusCode).toBeNull();
    expect(answer.error).toEqual(expect.any(String));
  });
});
