import { OptionExercised, RackReleased, Topics } from '@rackeval/contracts';
import { produceRaw, testEventRecord } from '@rackeval/testing';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { TestGateway } from './support/test-gateway';

/** Stands in for a service: answers with what it received. */
function startEchoService(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = request.url === '/v1/teapot' ? 418 : 200;
      response.writeHead(status, { 'content-type': 'application/json', 'x-served-by': 'echo' });
      response.end(
        JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Reads server-sent events until `count` arrived or the time is up. */
async function readEvents(url: string, count: number, timeoutMs: number): Promise<Array<{ type: string; subject: string }>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const received: Array<{ type: string; subject: string }> = [];
  try {
    const response = await fetch(url, { signal: controller.signal });
    const reader = response.body!.getReader();
    let buffer = '';
    while (received.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += Buffer.from(value).toString();
      for (const line of buffer.split('\n')) if (line.startsWith('data: ')) received.push(JSON.parse(line.slice(6)));
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return received;
}

const json = async (response: Response): Promise<any> => response.json();

const fact = { generation: 'G1', occurredAt: '2026-11-25T10:00:00.000Z', actor: 'ines' };

describe('gateway', () => {
  let echo: http.Server;
  let gateway: TestGateway;
  let url: string;

  beforeAll(async () => {
    echo = await startEchoService();
    const upstream = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    gateway = await TestGateway.start('rackeval-gateway-', {
      INTAKE_URL: upstream,
      TEST_RUN_URL: upstream,
      RESULTS_URL: upstream,
      PURCHASE_OPTION_URL: 'http://127.0.0.1:1',
    });
    url = gateway.url;
  });

  afterAll(async () => {
    await gateway?.stop();
    echo?.close();
  });

  const signIn = async (username: string, password = 'rackeval') =>
    fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const ticketFor = async (token: string): Promise<string> => {
    const response = await fetch(`${url}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(201);
    return (await json(response)).ticket;
  };

  it('signs in a seeded user with a token carrying their roles, verifiable by any service', async () => {
    const response = await signIn('fiona');
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ tokenType: 'Bearer', username: 'fiona', roles: ['finance'] });
    const me = await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(await json(me)).toEqual({
      username: 'fiona',
      subject: 'fiona',
      issuer: 'rackeval-local',
      actorId: 'rackeval-local|fiona',
      roles: ['finance'],
    });
    const jwks = await json(await fetch(`${url}/api/auth/jwks.json`));
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('refuses a wrong password or unknown user with the same 401', async () => {
    const wrong = await signIn('fiona', 'not-the-password');
    const unknown = await signIn('mallory');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await json(wrong)).message).toBe((await json(unknown)).message);
  });

  it('forwards /api/<service>/… with the token, a correlation id and the body untouched', async () => {
    const { accessToken } = await json(await signIn('ines'));
    const csv = 'reference,site\nDEL-1,PDX-1\n';
    const response = await fetch(`${url}/api/intake/v1/deliveries/import?dryRun=true`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'text/csv',
        'x-correlation-id': 'corr-gw-1',
        'idempotency-key': 'key-000001',
      },
      body: csv,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-served-by')).toBeNull(); // not on the response allow-list
    const seen = await json(response);
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/deliveries/import?dryRun=true', body: csv });
    expect(seen.headers).toMatchObject({
      authorization: `Bearer ${accessToken}`,
      'x-correlation-id': 'corr-gw-1',
      'idempotency-key': 'key-000001',
      'content-type': 'text/csv',
    });
    const teapot = await fetch(`${url}/api/results/v1/teapot`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(teapot.status).toBe(418);
  });

  it('refuses anonymous API calls, unknown services, and reports a service that is down as 502', async () => {
    expect((await fetch(`${url}/api/intake/v1/racks`)).status).toBe(401);
    const { accessToken } = await json(await signIn('ada'));
    const auth = { authorization: `Bearer ${accessToken}` };
    const unknown = await fetch(`${url}/api/billing/v1/invoices`, { headers: auth });
    expect(unknown.status).toBe(404);
    const down = await fetch(`${url}/api/purchase-option/v1/options`, { headers: auth });
    expect(down.status).toBe(502);
    expect(await json(down)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('purchase-option') });
  });

  it('streams live events to each user as their role allows, only from the service that owns the topic', async () => {
    const engineer = (await json(await signIn('tariq'))).accessToken;
    const finance = (await json(await signIn('fiona'))).accessToken;
    const engineerEvents = readEvents(`${url}/api/events?ticket=${await ticketFor(engineer)}`, 2, 8_000);
    const financeEvents = readEvents(`${url}/api/events?ticket=${await ticketFor(finance)}`, 2, 8_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const envelope = { time: fact.occurredAt, correlationid: 'c' };
    const released = { ...fact, rackSerial: 'RK-LIVE', site: 'PDX-1' };
    // Each from the service that produces to that topic: the stream skips any other source.
    await produceRaw(Topics.intakeRacks, [
      testEventRecord(RackReleased, released, { ...envelope, source: 'rackeval/purchase-option', id: 'ev-forged' }),
    ]);
    await produceRaw(Topics.intakeRacks, [testEventRecord(RackReleased, released, { ...envelope, source: 'rackeval/intake', id: 'ev-1' })]);
    await produceRaw(Topics.purchaseOptions, [
      testEventRecord(
        OptionExercised,
        { ...fact, rackSerial: 'RK-LIVE', termsVersion: 1, unitPrice: '3500000.00', currency: 'USD', rationale: 'meets targets' },
        { ...envelope, source: 'rackeval/purchase-option', id: 'ev-2' },
      ),
    ]);
    const [seenByEngineer, seenByFinance] = await Promise.all([engineerEvents, financeEvents]);
    expect(seenByFinance.map((e) => e.type)).toEqual([RackReleased.type, OptionExercised.type]);
    expect(seenByEngineer.map((e) => e.type)).toEqual([RackReleased.type]);
    expect(seenByEngineer[0].subject).toBe('RK-LIVE');
  });

  it('refuses the live stream without a valid ticket, and a token in the URL', async () => {
    const { accessToken } = await json(await signIn('vic'));
    expect((await fetch(`${url}/api/events`)).status).toBe(401);
    expect((await fetch(`${url}/api/events?ticket=forged`)).status).toBe(401);
    expect((await fetch(`${url}/api/events?access_token=${accessToken}`)).status).toBe(401);
    expect((await fetch(`${url}/api/events/ticket`, { method: 'POST' })).status).toBe(401);
  });

  it('is ready only when every service answers, and stays live while one does not', async () => {
    for (const path of ['/health', '/health/ready']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(503);
      const body = await json(response);
      expect(body.info.intake.status).toBe('up');
      expect(body.error['purchase-option'].status).toBe('down');
    }
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await json(live)).toEqual({ status: 'ok' });
  });
});
