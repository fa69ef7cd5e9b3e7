import { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Transaction } from '@rackeval/messaging';
import { defer, lastValueFrom } from 'rxjs';
import { createHash } from 'node:crypto';
import { answer, canonicalJson, onceForKey } from './idempotency';
import { IdempotentExchangeInterceptor } from './idempotent-exchange';

/** An idempotent_request table in memory: enough SQL for onceForKey's three statements. */
function fakeTransaction(rows = new Map<string, Record<string, unknown>>()): Transaction {
  const query = async (sql: string, params: unknown[]) => {
    const id = `${params[0]} ${params[1]}`;
    if (sql.startsWith('INSERT')) {
      if (rows.has(id)) return [];
      rows.set(id, { request_hash: params[2], response: null, response_status: null, response_headers: null });
      return [{ key: params[1] }];
    }
    if (sql.startsWith('SELECT')) return [rows.get(id)];
    Object.assign(rows.get(id)!, {
      response: JSON.parse(params[2] as string),
      response_status: params[3],
      response_headers: JSON.parse(params[4] as string),
    });
    return [];
  };
  return { manager: { query } } as unknown as Transaction;
}

interface SentResponse {
  statusCode: number;
  headers: Record<string, string>;
}

/** Runs `work` as the handler of a route whose status is `routeStatus`, through the interceptor. */
async function serve<R>(routeStatus: number, work: () => Promise<R>): Promise<{ body: R; response: SentResponse }> {
  const response: SentResponse = { statusCode: routeStatus, headers: {} };
  const http = {
    statusCode: routeStatus,
    status(code: number) {
      response.statusCode = code;
    },
    setHeader(name: string, value: string) {
      response.headers[name] = value;
    },
  };
  const context = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => http }) } as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => defer(() => work()) };
  const body = (await lastValueFrom(new IdempotentExchangeInterceptor().intercept(context, next))) as R;
  return { body, response };
}

describe('onceForKey answers through the exchange interceptor', () => {
  const request = { key: 'key-00000001', scope: 'POST /v1/things alice', body: { name: 'a' } };

  it('replays the status and headers the work chose, marked Idempotent-Replayed, without running the work again', async () => {
    const tx = fakeTransaction();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return answer({ id: runs }, { status: 202, headers: { Location: '/v1/things/1' } });
    };
    const sut = () => serve(201, () => onceForKey(tx, request, work));

    const first = await sut();
    expect(first).toEqual({ body: { id: 1 }, response: { statusCode: 202, headers: { Location: '/v1/things/1' } } });
    const replay = await sut();
    expect(replay).toEqual({
      body: { id: 1 },
      response: { statusCode: 202, headers: { Location: '/v1/things/1', 'Idempotent-Replayed': 'true' } },
    });
    expect(runs).toBe(1);
  });

  it('stores the route status when the work returns a plain body, and replays it', async () => {
    const tx = fakeTransaction();
    await serve(200, () => onceForKey(tx, request, async () => ({ ok: true })));
    const replay = await serve(200, () => onceForKey(tx, request, async () => ({ ok: false })));
    expect(replay).toEqual({ body: { ok: true }, response: { statusCode: 200, headers: { 'Idempotent-Replayed': 'true' } } });
  });

  it('answers a key stored before statuses were kept with the route status', async () => {
    const hash = createHash('sha256').update(canonicalJson(request.body)).digest('hex');
    const rows = new Map([
      [`${request.scope} ${request.key}`, { request_hash: hash, response: { old: true }, response_status: null, response_headers: null }],
    ]);
    const tx = fakeTransaction(rows);
    const replay = await serve(201, () => onceForKey(tx, request, async () => ({ old: false })));
    expect(replay).toEqual({ body: { old: true }, response: { statusCode: 201, headers: { 'Idempotent-Replayed': 'true' } } });
  });

  it('refuses the same key with another body, naming the header', async () => {
    const tx = fakeTransaction();
    await serve(201, () => onceForKey(tx, request, async () => ({})));
    await expect(serve(201, () => onceForKey(tx, { ...request, body: { name: 'b' } }, async () => ({})))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: [{ field: 'Idempotency-Key', message: 'already used with a different body' }],
    });
  });

  it('sends a chosen status without a key too, and runs the work each time', async () => {
    let runs = 0;
    const work = async () => answer({ run: ++runs }, { status: 202 });
    expect(await serve(201, () => onceForKey(fakeTransaction(), undefined, work))).toEqual({
      body: { run: 1 },
      response: { statusCode: 202, headers: {} },
    });
    expect((await serve(201, () => onceForKey(fakeTransaction(), undefined, work))).body).toEqual({ run: 2 });
  });
});
