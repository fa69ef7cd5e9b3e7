import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadGatewayConfig } from '../config';
import { ServiceProxy } from './service-proxy';

/** A stand-in service instance that records what it was sent and says who answered. */
async function instance(name: string, ready = true) {
  const seen: { method: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/health/ready') {
        response.writeHead(ready ? 200 : 503).end();
        return;
      }
      seen.push({ method: request.method!, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ from: name }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: a crashed instance. */
async function deadUrl(): Promise<string> {
  const probe = await instance('dead');
  await probe.close();
  return probe.url;
}

async function gateway(intakeUrl: string) {
  const sut = new ServiceProxy(loadGatewayConfig({ NODE_ENV: 'test', INTAKE_URL: intakeUrl, UPSTREAM_CHECK_INTERVAL_MS: '100' }));
  const app = express();
  app.all('/api/*path', (request, response) => sut.forward(request, response));
  const server = await new Promise<http.Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/intake/v1/racks`;
  return { sut, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('ServiceProxy across instances', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('spreads requests over the instances of a service', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    const gw = await gateway(`${a.url},${b.url}`);
    closers.push(a.close, b.close, gw.close);
    const answers = await Promise.all([1, 2, 3, 4].map(() => fetch(gw.base).then((r) => r.json() as Promise<{ from: string }>)));
    expect(answers.map((answer) => answer.from).sort()).toEqual(['a', 'a', 'b', 'b']);
  });

  it('sends a GET once more to another instance when the first cannot be reached, and keeps the dead one out', async () => {
    const live = await instance('live');
    const gw = await gateway(`${await deadUrl()},${live.url}`);
    closers.push(live.close, gw.close);
    for (let i = 0; i < 4; i += 1) {
      const answer = await fetch(gw.base);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ from: 'live' });
    }
    expect(live.seen).toHaveLength(4);
  });

  it('sends a POST with an Idempotency-Key again, body intact; a POST without one is answered 502', async () => {
    const live = await instance('live');
    const gw = await gateway(`${await deadUrl()},${live.url}`);
    closers.push(live.close, gw.close);
    const post = (headers: Record<string, string>) =>
      fetch(gw.base, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"serial":"R-1"}' });

    const keyed = await post({ 'idempotency-key': 'k-1' });
    expect(keyed.status).toBe(200);
    expect(live.seen).toEqual([{ method: 'POST', body: '{"serial":"R-1"}' }]);

    // A fresh gateway starts its rotation at the first (dead) instance: without a key nothing is repeated.
    const second = await gateway(`${await deadUrl()},${live.url}`);
    closers.push(second.close);
    const unkeyed = await fetch(second.base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"serial":"R-2"}' });
    expect(unkeyed.status).toBe(502);
    expect(((await unkeyed.json()) as { code: string }).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(live.seen).toHaveLength(1);
  });

  it('takes an instance whose readiness check fails out of rotation, and brings it back when ready', async () => {
    const [ready, notReady] = [await instance('ready'), await instance('not-ready', false)];
    const gw = await gateway(`${ready.url},${notReady.url}`);
    closers.push(ready.close, notReady.close, gw.close);
    gw.sut.onModuleInit();
    closers.push(async () => gw.sut.onModuleDestroy());
    const pool = (gw.sut as unknown as { upstreams: Map<string, { checkAll(): Promise<void> }> }).upstreams.get('intake')!;
    await pool.checkAll();
    const answers = await Promise.all([1, 2, 3, 4].map(() => fetch(gw.base).then((r) => r.json() as Promise<{ from: string }>)));
    expect(answers.every((answer) => answer.from === 'ready')).toBe(true);
  });

  it('keeps the single-URL form: one instance, no checks', async () => {
    const only = await instance('only');
    const gw = await gateway(only.url);
    closers.push(only.close, gw.close);
    expect(await (await fetch(gw.base)).json()).toEqual({ from: 'only' });
  });
});
