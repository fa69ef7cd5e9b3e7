import { ExecutionContext } from '@nestjs/common';
import type { Transaction } from '@rackeval/messaging';
import { defer, lastValueFrom } from 'rxjs';
import { onceForCurrentRequest } from './idempotency';
import { currentIdempotentExchange, IdempotentExchangeInterceptor } from './idempotent-exchange';
import { idempotentRequestOf, IdempotentHttpRequest } from './idempotent.decorator';

function request(overrides: Partial<IdempotentHttpRequest> = {}): IdempotentHttpRequest {
  return {
    method: 'POST',
    path: '/v1/racks/RK-001/hold',
    headers: { 'idempotency-key': 'key-00000001' },
    body: { reason: 'damaged' },
    user: { username: 'alice', actorId: 'https://issuer|42' },
    ...overrides,
  };
}

describe('idempotentRequestOf (the scope a retried POST is matched in)', () => {
  it('scopes the key to the method, the path and the username, as the scopes stored before were written', () => {
    const sut = idempotentRequestOf(request());
    expect(sut).toEqual({ key: 'key-00000001', scope: 'POST /v1/racks/RK-001/hold alice', body: { reason: 'damaged' } });
  });

  it('scopes to the unique actor id when the route says so (purchase-option)', () => {
    const sut = idempotentRequestOf(request({ path: '/v1/options/RK-001/decision' }), { actor: 'actorId' });
    expect(sut?.scope).toBe('POST /v1/options/RK-001/decision https://issuer|42');
  });

  it('reads the path as route params read it: decoded, without a trailing slash or the query', () => {
    expect(idempotentRequestOf(request({ path: '/v1/runs/' }))?.scope).toBe('POST /v1/runs alice');
    expect(idempotentRequestOf(request({ path: '/v1/racks/RK%20001/hold' }))?.scope).toBe('POST /v1/racks/RK 001/hold alice');
  });

  it('binds a request without a body to the empty object, as the routes without one did', () => {
    expect(idempotentRequestOf(request({ body: undefined }))?.body).toEqual({});
  });

  it('is nothing to match when the request carries no Idempotency-Key', () => {
    expect(idempotentRequestOf(request({ headers: {} }))).toBeUndefined();
  });
});

/** Runs `work` as an HTTP handler behind the exchange interceptor; `idempotent` as if the route said @Idempotent() (no key sent). */
function asRoute<R>(idempotent: boolean, work: () => Promise<R>): Promise<R> {
  const response = { statusCode: 200, status: () => undefined, setHeader: () => undefined };
  const context = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ExecutionContext;
  const handle = () =>
    defer(() => {
      if (idempotent) currentIdempotentExchange()!.retry = null;
      return work();
    });
  return lastValueFrom(new IdempotentExchangeInterceptor().intercept(context, { handle })) as Promise<R>;
}

describe('onceForCurrentRequest (what UnitOfWork.runOnce applies)', () => {
  const tx = {} as Transaction;

  it('just runs the work outside HTTP (a consumer) and on an @Idempotent() request without a key', async () => {
    expect(await onceForCurrentRequest(tx, async () => 'done')).toBe('done');
    expect(await asRoute(true, () => onceForCurrentRequest(tx, async () => 'done'))).toBe('done');
  });

  it('refuses to serve a route that does not say it is @Idempotent()', async () => {
    await expect(asRoute(false, () => onceForCurrentRequest(tx, async () => 'done'))).rejects.toThrow(/without @Idempotent\(\)/);
  });
});
