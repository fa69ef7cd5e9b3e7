import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectError, expectStatus } from './http-answers';
import { answer, TestApi } from './test-api';

/** A stand-in for the gateway: records each request and answers like the services do. */
function gateway(): Promise<{
  url: string;
  seen: Array<{ method: string; url: string; authorization?: string; body: string }>;
  server: Server;
}> {
  const seen: Array<{ method: string; url: string; authorization?: string; body: string }> = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
    const reply = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    if (request.url === '/api/auth/token')
      return JSON.parse(body).password === 'rackeval'
        ? reply(200, { accessToken: `token-of-${JSON.parse(body).username}` })
        : reply(401, {});
    if (request.url === '/api/intake/v1/racks/RK-1') return reply(200, { serial: 'RK-1', state: 'RECEIVED' });
    if (request.url === '/api/purchase-option/v1/options/RK-1/approval')
      return reply(403, { code: 'FOUR_EYES_RULE', message: 'a second finance user approves' });
    reply(404, { code: 'NOT_FOUND', message: 'no such route' });
  };
  // A request the stand-in cannot answer is a 500 the test sees, never an unhandled rejection.
  const server = createServer(
    (request, response) => void handle(request, response).catch((error: Error) => response.writeHead(500).end(error.message)),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server })),
  );
}

describe('TestApi', () => {
  let stub: Awaited<ReturnType<typeof gateway>>;
  beforeAll(async () => (stub = await gateway()));
  afterAll(() => new Promise((resolve) => stub.server.close(resolve)));
  beforeEach(() => (stub.seen.length = 0));

  it('signs in once at the gateway and sends the bearer token with each call to /api/<service>', async () => {
    const api = TestApi.viaGateway(stub.url, { gateway: stub.url });
    const ines = api.as('ines');
    const rack = expectStatus(
      await answer(ines.intake.GET('/v1/racks/{serial}', { params: { path: { serial: 'RK-1' } } })),
      200,
      'read rack',
    );
    expect(rack.state).toBe('RECEIVED');
    expect(expectStatus(await ines.get('/intake/v1/racks/RK-1'), 200, 'read rack by path').serial).toBe('RK-1');
    expect(stub.seen.map((r) => `${r.method} ${r.url} ${r.authorization ?? ''}`)).toEqual([
      'POST /api/auth/token ',
      'GET /api/intake/v1/racks/RK-1 Bearer token-of-ines',
      'GET /api/intake/v1/racks/RK-1 Bearer token-of-ines',
    ]);
  });

  it('keeps a refusal in `error` and checks its status and code', async () => {
    const api = new TestApi((service) => `${stub.url}/api/${service}`, { token: async (username) => `issued-${username}` });
    const refused = await api.as('fiona').post('/purchase-option/v1/options/RK-1/approval', { approve: true, note: 'mine' });
    expect(refused.body).toBeUndefined();
    expect(expectError(refused, 403, 'FOUR_EYES_RULE', 'self-approval').message).toBe('a second finance user approves');
    expect(() => expectError(refused, 403, /^OPTION_/, 'self-approval')).toThrow(
      'self-approval: expected 403 /^OPTION_/, got 403 {"code":"FOUR_EYES_RULE"',
    );
    expect(() => expectStatus(refused, 200, 'approve')).toThrow('approve: expected 200, got 403');
    expect(stub.seen[0]).toMatchObject({ authorization: 'Bearer issued-fiona', body: '{"approve":true,"note":"mine"}' });
  });

  it('refuses a path that names no service', async () => {
    const api = TestApi.viaGateway(stub.url, { token: async () => 't' });
    await expect(api.as('vic').get('/elsewhere/v1/x' as never)).rejects.toThrow('/elsewhere/v1/x: not a service path');
  });
});
