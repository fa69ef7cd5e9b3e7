import { stubFetch } from '../test-support/fetch-stub';
import { saveSession } from '../auth/session-store';
import { ApiError, NetworkError } from './api-error';
import { onUnauthorised, setTokenSource } from './credentials';
import { intakeApi } from './intake-api';
import { purchaseOptionApi } from './purchase-option-api';
import { resultsApi } from './results-api';

describe('the console calls the services through the generated client', () => {
  beforeEach(() => {
    sessionStorage.clear();
    saveSession({ accessToken: 'local-jwt', username: 'fiona', roles: ['finance'], expiresAt: Date.now() + 60_000 });
  });
  afterEach(() => setTokenSource(null));

  it('sends the bearer token and leaves empty filters out of the query', async () => {
    const calls = stubFetch({ 'GET /api/purchase-option/v1/options': { body: { items: [], nextCursor: null } } });

    await expect(purchaseOptionApi.options({ state: '' as never, generation: 'G1' })).resolves.toEqual({ items: [], nextCursor: null });

    expect(calls[0].url).toBe('/api/purchase-option/v1/options?limit=200&generation=G1');
    expect(calls[0].headers.authorization).toBe('Bearer local-jwt');
  });

  it('uses the token of the OIDC sign-in when one is installed', async () => {
    const calls = stubFetch({ 'GET /api/intake/v1/racks/RK%201': { body: { serial: 'RK 1' } } });
    setTokenSource(() => 'provider-token');

    await intakeApi.rack('RK 1');

    expect(calls[0].headers.authorization).toBe('Bearer provider-token');
  });

  it('sends CSV as typed and headers such as the idempotency key', async () => {
    const calls = stubFetch({
      'POST /api/intake/v1/deliveries/import': { status: 201, body: { reference: 'D-1' } },
      'POST /api/results/v1/runs/r-1/measurements': { status: 201, body: { accepted: 1 } },
    });

    await intakeApi.importManifest('serial,generation\nRK-1,G1\n');
    await resultsApi.recordMeasurements('r-1', [], 'key-1');

    expect(calls[0]).toMatchObject({ body: 'serial,generation\nRK-1,G1\n', headers: { 'content-type': 'text/csv' } });
    expect(calls[1].headers['idempotency-key']).toBe('key-1');
  });

  it('turns a refusal into an ApiError with the code and details of the shared error body', async () => {
    stubFetch({
      'POST /api/purchase-option/v1/options/RK-1/decision': {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          code: 'ILLEGAL_TRANSITION',
          message: 'the option is not open',
          details: [{ field: 'decision', message: 'x' }],
        },
      },
    });

    const error = await purchaseOptionApi
      .decide('RK-1', { decision: 'DECLINE', rationale: 'r' } as never)
      .catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', message: 'the option is not open' });
  });

  it('tells the app when the gateway refuses the token', async () => {
    stubFetch({
      'GET /api/intake/v1/generations': {
        status: 401,
        body: { statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED', message: 'token expired', details: [] },
      },
    });
    const told = jest.fn();
    const stop = onUnauthorised(told);

    await expect(intakeApi.generations()).rejects.toBeInstanceOf(ApiError);

    expect(told).toHaveBeenCalledTimes(1);
    stop();
  });

  it('reports an unreachable gateway as a network error', async () => {
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;

    await expect(intakeApi.generations()).rejects.toBeInstanceOf(NetworkError);
  });
});
