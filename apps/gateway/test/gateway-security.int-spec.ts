import { TestTokens } from '@rackeval/auth/testing';
import { postFrom, rawRequest, readStream, RecordingServer } from './support/raw-http';
import { TestGateway } from './support/test-gateway';

const SERVICES = ['intake', 'test-run', 'purchase-option'];

/** Request targets that try to make the gateway call somewhere other than a configured service. */
function fuzzedTargets(canary: string): string[] {
  const hostPath = `${canary}/x`;
  const separators = [
    '/',
    '\\',
    '%2f',
    '%2F',
    '%5c',
    '%5C',
    '%252f',
    '%252F',
    '%255c',
    '%25252f',
    '/%2f',
    '%2f%2f',
    '\\\\',
    '/\\',
    '\\/',
    '@',
    '%40',
    '%2f%5c',
  ];
  const perService = SERVICES.flatMap((service) => [
    ...separators.map((separator) => `/api/${service}/${separator}${hostPath}`),
    `/api/${service}/http://${hostPath}`,
    `/api/${service}/http:%2F%2F${hostPath}`,
    `/api/${service}/HTTP:%2f%2f${hostPath}`,
    `/api/${service}/v1/../../..//${hostPath}`,
    `/api/${service}/v1/..%2f..%2f${hostPath}`,
    `/api/${service}/%2e%2e/%2e%2e/${hostPath}`,
    `/api/${service}/.%2E/x`,
    `/api/${service}/v1/%252e%252e/x`,
    `/api/${service}/x@${canary}/`,
    `/api/${service}/v1%40${canary}`,
    `/api/${service}/user:pass@${hostPath}`,
    `/api/${service}/v1/racks%0d%0aHost:%20${canary}`,
    `/api/${service}/v1/racks%0D%0A%0D%0AGET%20/x`,
    `/api/${service}/v1/racks%00`,
  ]);
  return [
    ...perService,
    '/api/__proto__/x',
    '/api/constructor/x',
    '/api/toString/x',
    '/api/hasOwnProperty/x',
    `/api/${canary}/x`,
    `/api/..%2f${canary}/x`,
    '/api/%2e%2e/x',
    '/api/%69ntake/v1/racks',
    `http://${canary}/api/intake/v1/racks`,
    `http://${canary}/x`,
  ];
}

describe('gateway security (black box, against loopback servers)', () => {
  let upstream: RecordingServer;
  let stalled: RecordingServer;
  let canary: RecordingServer;
  let tokens: TestTokens;
  let gateway: TestGateway;
  let url: string;
  let port: number;
  let viewer: string;
  const logLines: string[] = [];
  /** Every credential the suite handles; none may appear in a log line. */
  const secrets: string[] = [];

  beforeAll(async () => {
    [upstream, stalled, canary] = await Promise.all([
      RecordingServer.start('echo'),
      RecordingServer.start('stall'),
      RecordingServer.start('echo'),
    ]);
    gateway = await TestGateway.start(
      'rackeval-gateway-security-',
      {
        LOG_LEVEL: 'log',
        INTAKE_URL: upstream.origin,
        TEST_RUN_URL: upstream.origin,
        PURCHASE_OPTION_URL: upstream.origin,
        RESULTS_URL: stalled.origin,
        UPSTREAM_TIMEOUT_MS: '500',
        SIGN_IN_ADDRESS_MAX_FAILURES: '10',
      },
      (line) => logLines.push(line),
    );
    tokens = await TestTokens.create(gateway.keyDir);
    url = gateway.url;
    port = Number(new URL(url).port);
    viewer = await signIn('vic');
  });

  afterAll(async () => {
    await tokens?.dispose();
    await gateway?.stop();
    await Promise.all([upstream, stalled, canary].map((server) => server?.close()));
  });

  async function signIn(username: string): Promise<string> {
    const response = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'rackeval' }),
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    secrets.push(accessToken);
    return accessToken;
  }
  const remember = (secret: string): string => {
    secrets.push(secret);
    return secret;
  };
  const get = (target: string, token = viewer, extra = '') =>
    rawRequest(
      port,
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n${extra}Connection: close\r\n\r\n`,
    );

  describe('proxy', () => {
    it('reaches nothing, neither the canary nor a configured service, for every fuzzed path', async () => {
      const targets = fuzzedTargets(`127.0.0.1:${canary.port}`);
      const forwardedBefore = upstream.requests.length;
      const answered: Array<[string, number]> = [];
      for (const target of targets) answered.push([target, (await get(target)).status]);
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const target = `/api/intake//127.0.0.1:${canary.port}/x`;
        const answer = await rawRequest(
          port,
          `${method} ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${viewer}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        );
        answered.push([`${method} ${target}`, answer.status]);
      }

      expect(answered.filter(([, status]) => ![400, 404].includes(status))).toEqual([]);
      expect(targets.length).toBeGreaterThan(100);
      expect(canary.connections).toBe(0);
      expect(upstream.requests.length).toBe(forwardedBefore);
    });

    it('refuses a control character in the request line before routing it', async () => {
      const answer = await rawRequest(
        port,
        `GET /api/intake/v1/racks\rHost: 127.0.0.1:${canary.port} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );

      expect(answer.status).toBe(400);
      expect(canary.connections).toBe(0);
    });

    it('answers 404 in the one error shape for prototype names', async () => {
      for (const name of ['__proto__', 'constructor']) {
        const answer = await get(`/api/${name}/x`);
        expect(answer.status).toBe(404);
        expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', details: [] });
      }
    });

    it('still forwards an ordinary path to its service, to the configured host whatever Host says', async () => {
      const answer = await get(
        '/api/intake/v1/racks?state=RECEIVED',
        viewer,
        `X-Forwarded-Host: 127.0.0.1:${canary.port}\r\nCookie: session=1\r\nX-Internal: 1\r\nProxy-Authorization: Basic eA==\r\nIdempotency-Key: k-1\r\n`,
      );

      expect(answer.status).toBe(200);
      const seen = JSON.parse(answer.body);
      expect(seen.url).toBe('/v1/racks?state=RECEIVED');
      expect(seen.headers.host).toBe(`127.0.0.1:${upstream.port}`);
      // traceparent is the gateway's own span, never one the caller sent.
      expect(Object.keys(seen.headers).sort()).toEqual(
        ['authorization', 'connection', 'host', 'idempotency-key', 'traceparent', 'x-correlation-id', 'x-forwarded-for'].sort(),
      );
      expect(seen.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      expect(answer.head).not.toMatch(/x-powered-by|set-cookie|x-internal/i);
      expect(canary.connections).toBe(0);
    });

    it('refuses a GET carrying a chunked body instead of smuggling it', async () => {
      const before = upstream.requests.length;
      const smuggled = `GET /v1/smuggled HTTP/1.1\r\nHost: x\r\n\r\n`;
      const body = `${Buffer.byteLength(smuggled).toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;

      const chunked = await rawRequest(
        port,
        `GET /api/intake/v1/racks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${viewer}\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
      );
      const sized = await rawRequest(
        port,
        `HEAD /api/intake/v1/racks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${viewer}\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
      );

      expect(chunked.status).toBe(400);
      expect(chunked.responses).toBe(1);
      expect(JSON.parse(chunked.body)).toMatchObject({ code: 'BAD_REQUEST', message: 'a GET request must not carry a body' });
      expect(sized.status).toBe(400);
      expect(upstream.requests.length).toBe(before);
    });

    it('forwards a chunked body on other methods framed, as one request', async () => {
      const before = upstream.requests.length;
      const csv = 'reference,site\nDEL-1,PDX-1\n';
      const body = `${Buffer.byteLength(csv).toString(16)}\r\n${csv}\r\n0\r\n\r\n`;

      for (const method of ['POST', 'DELETE']) {
        const answer = await rawRequest(
          port,
          `${method} /api/intake/v1/deliveries/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${viewer}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body}`,
        );
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ method, url: '/v1/deliveries/import', body: csv });
      }
      expect(upstream.requests.length).toBe(before + 2);
    });

    it('answers 504 in the one error shape when a service does not answer in time', async () => {
      const started = Date.now();

      const answer = await get('/api/results/v1/runs/r-1/verdict');

      expect(answer.status).toBe(504);
      expect(JSON.parse(answer.body)).toMatchObject({
        statusCode: 504,
        code: 'UPSTREAM_TIMEOUT',
        details: [],
        message: expect.stringContaining('results'),
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(stalled.requests).toHaveLength(1);
    });
  });

  describe('security headers', () => {
    it.each([
      ['a gateway route', '/api/auth/jwks.json'],
      ['a proxied answer', '/api/intake/v1/racks'],
      ['a 404', '/nothing-here'],
    ])('are on %s, without X-Powered-By', async (_name, target) => {
      const response = await fetch(`${url}${target}`, { headers: { authorization: `Bearer ${viewer}` } });
      const csp = response.headers.get('content-security-policy') ?? '';

      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('tokens without a role', () => {
    let roleless: string;
    beforeAll(async () => {
      roleless = remember(await tokens.tokenWith({ username: 'nobody', roles: ['root'] }));
    });

    it('may ask who they are', async () => {
      const response = await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${roleless}` } });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        username: 'nobody',
        subject: 'nobody',
        issuer: 'rackeval-local',
        actorId: 'rackeval-local|nobody',
        roles: [],
      });
    });

    it('read nothing: no service, no live stream', async () => {
      const before = upstream.requests.length;
      const read = await fetch(`${url}/api/intake/v1/racks`, { headers: { authorization: `Bearer ${roleless}` } });
      const ticket = await fetch(`${url}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${roleless}` } });

      expect(read.status).toBe(403);
      expect(ticket.status).toBe(403);
      expect(upstream.requests.length).toBe(before);
    });
  });

  describe('live events', () => {
    const ticketFor = async (token: string) => {
      const response = await fetch(`${url}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { ticket: string; expiresIn: number };
      expect(body.expiresIn).toBeLessThanOrEqual(30);
      return remember(body.ticket);
    };

    it('open with a ticket once; a used ticket, a made-up one or a token in the URL are refused', async () => {
      const ticket = await ticketFor(viewer);

      const first = await readStream(`${url}/api/events?ticket=${ticket}`, 500);
      const again = await fetch(`${url}/api/events?ticket=${ticket}`);
      const madeUp = await fetch(`${url}/api/events?ticket=${'A'.repeat(43)}`);
      const token = await fetch(`${url}/api/events?access_token=${viewer}`);

      expect(first.status).toBe(200);
      expect([again.status, madeUp.status, token.status]).toEqual([401, 401, 401]);
    });

    it('end with an expired event when the token the stream was opened with expires', async () => {
      const shortLived = remember(
        await tokens.tokenWith({ username: 'vic', roles: ['viewer'], expiresAt: Math.floor(Date.now() / 1000) + 3 }),
      );
      const started = Date.now();

      const stream = await readStream(`${url}/api/events?ticket=${await ticketFor(shortLived)}`, 10_000);

      expect(stream.ended).toBe(true);
      expect(stream.text).toContain('event: expired');
      expect(Date.now() - started).toBeLessThan(6_000);
    });
  });

  describe('sign-in throttling', () => {
    const signInFrom = (address: string, username: string, password: string) =>
      postFrom(address, `${url}/api/auth/token`, { username, password });

    it('locks an account after five failures, with 429 and Retry-After, even for the right password', async () => {
      const failures = [];
      for (let i = 0; i < 5; i += 1) failures.push(await signInFrom('127.0.0.3', 'tess', `guess-${i}`));
      const locked = await signInFrom('127.0.0.4', 'tess', 'rackeval');

      expect(failures.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(failures.map((answer) => answer.body.message))).toEqual(new Set(['unknown user or wrong password']));
      expect(locked.status).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(locked.body.message).toMatch(/too many failed sign-ins/);
      expect((await signInFrom('127.0.0.4', 'tariq', 'rackeval')).status).toBe(200);
    });

    it('throttles an address that tries many accounts, leaving other addresses alone', async () => {
      for (let i = 0; i < 10; i += 1) expect((await signInFrom('127.0.0.5', `user-${i}`, 'guess')).status).toBe(401);

      const throttled = await signInFrom('127.0.0.5', 'fiona', 'rackeval');
      const elsewhere = await signInFrom('127.0.0.6', 'fiona', 'rackeval');

      expect(throttled.status).toBe(429);
      expect(throttled.headers['retry-after']).toBeDefined();
      expect(elsewhere.status).toBe(200);
    });

    it('throttles thirty wrong passwords in a row', async () => {
      const statuses = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await signInFrom('127.0.0.7', 'farid', `guess-${i}`)).status);

      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    });
  });

  describe('logs', () => {
    it('name the actor and route of a refusal, and hold no token or ticket', async () => {
      await get(`/api/intake/v1/racks?access_token=${viewer}&token=${viewer}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const text = logLines.join('');

      expect(logLines.length).toBeGreaterThan(50);
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.split('.').pop()!);
      }
      const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(
        expect.objectContaining({
          message: 'forbidden',
          actor: 'nobody',
          actorId: 'rackeval-local|nobody',
          method: 'GET',
          route: '/api/:service/*path',
          path: '/api/intake/v1/racks',
        }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ message: 'request', path: expect.stringMatching(/^\/api\/events\?ticket=\[redacted\]$/) }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ message: 'request', path: '/api/intake/v1/racks?access_token=[redacted]&token=[redacted]' }),
      );
    });
  });
});
