import http from 'node:http';
import { AddressInfo } from 'node:net';
import { TestGateway } from './support/test-gateway';

/** Request counts of the gateway's latency histogram per method, route template and status. */
function requestCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(/^rackeval_http_request_duration_seconds_count\{(.*)\} (\S+)$/gm)) {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1];
    counts[`${label('method')} ${label('route')} ${label('status')}`] = Number(value);
  }
  return counts;
}

describe('gateway /metrics', () => {
  let upstream: http.Server;
  let gateway: TestGateway;
  let url: string;

  beforeAll(async () => {
    upstream = http.createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const service = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    gateway = await TestGateway.start('rackeval-gateway-metrics-', {
      INTAKE_URL: service,
      TEST_RUN_URL: service,
      RESULTS_URL: service,
      PURCHASE_OPTION_URL: service,
    });
    url = gateway.url;
  });

  afterAll(async () => {
    await gateway?.stop();
    upstream?.close();
  });

  it('times sign-in and proxied requests per route template, without a token', async () => {
    const signIn = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'rackeval' }),
    });
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    for (const serial of ['RK-1', 'RK-2']) {
      const proxied = await fetch(`${url}/api/intake/v1/racks/${serial}`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(proxied.status).toBe(200);
    }

    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    const counts = requestCounts(text);
    expect(counts['POST /api/auth/token 200']).toBe(1);
    // Every proxied path shares its route template: one series, not one per rack.
    expect(
      Object.entries(counts)
        .filter(([key]) => key.startsWith('GET /api/:service/'))
        .map(([key, value]) => [key.split(' ')[2], value]),
    ).toEqual([['200', 2]]);
    expect(text).not.toContain('RK-1');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
