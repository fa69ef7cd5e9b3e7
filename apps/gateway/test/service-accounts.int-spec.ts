import { dropSchema, ensureTestDatabaseRoles, waitFor, withDatabase } from '@rackeval/testing';
import { TestGateway } from './support/test-gateway';

const json = async (response: Response): Promise<any> => response.json();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Service accounts on the real gateway and the machine's PostgreSQL (a fresh schema for this file). */
describe('service accounts', () => {
  const schema = `gw_sa_${process.pid}_${Date.now() % 100000}`;
  let gateway: TestGateway;
  let url: string;
  let admin: string;
  let engineer: string;

  const signIn = async (username: string) => {
    const response = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'rackeval' }),
    });
    return (await json(response)).accessToken as string;
  };
  const call = (method: string, route: string, token: string, body?: unknown) =>
    fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const create = async (body: Record<string, unknown>) => {
    const response = await call('POST', '/api/auth/service-accounts', admin, body);
    return { status: response.status, body: await json(response) };
  };

  beforeAll(async () => {
    const roles = await ensureTestDatabaseRoles('gateway');
    gateway = await TestGateway.start('rackeval-gateway-sa-', {
      GATEWAY_DATABASE_URL: roles.runtimeUrl,
      GATEWAY_DATABASE_MIGRATION_URL: roles.ownerUrl,
      GATEWAY_DATABASE_SCHEMA: schema,
      SERVICE_ACCOUNT_TOKEN_TTL_SECONDS: '2',
      INTAKE_URL: 'http://127.0.0.1:1',
      TEST_RUN_URL: 'http://127.0.0.1:1',
      RESULTS_URL: 'http://127.0.0.1:1',
      PURCHASE_OPTION_URL: 'http://127.0.0.1:1',
    });
    url = gateway.url;
    admin = await signIn('ada');
    engineer = await signIn('tess');
  });

  afterAll(async () => {
    await gateway?.stop();
    await dropSchema(schema);
  });

  it('creates an account whose secret is shown once and stored only as a hash, and issues short-lived tokens by client credentials', async () => {
    const created = await create({
      name: 'burnin-bay-3',
      role: 'test-engineer',
      site: 'SJC-2',
      expiresAt: inDays(30),
      reason: 'bay 3 harness',
    });
    expect(created.status).toBe(201);
    const { account, clientSecret } = created.body;
    expect(account).toMatchObject({
      name: 'burnin-bay-3',
      role: 'test-engineer',
      site: 'SJC-2',
      state: 'ACTIVE',
      createdBy: 'ada',
      lastUsedAt: null,
    });
    expect(clientSecret).toMatch(/^rks_/);
    const stored = await withDatabase((client) => client.query(`SELECT * FROM "${schema}".service_account WHERE id = $1`, [account.id]));
    expect(JSON.stringify(stored.rows[0])).not.toContain(clientSecret);

    const listed = await json(await call('GET', '/api/auth/service-accounts', admin));
    expect(listed.map((a: { name: string }) => a.name)).toContain('burnin-bay-3');
    expect(JSON.stringify(listed)).not.toContain(clientSecret);

    // Form-encoded with the client in the body.
    const byBody = await form({ grant_type: 'client_credentials', client_id: account.clientId, client_secret: clientSecret });
    expect(byBody.status).toBe(200);
    expect(byBody.headers.get('cache-control')).toBe('no-store');
    const token = await json(byBody);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 2, scope: 'test-engineer' });
    const me = await json(await call('GET', '/api/auth/me', token.access_token));
    expect(me).toEqual({
      username: 'sa:burnin-bay-3',
      subject: `sa:${account.id}`,
      issuer: 'rackeval-local',
      actorId: `rackeval-local|sa:${account.id}`,
      roles: ['test-engineer'],
    });
    const claims = JSON.parse(Buffer.from(token.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ site: 'SJC-2', client_id: account.id });

    // JSON with HTTP Basic.
    const basic = Buffer.from(`${encodeURIComponent(account.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const byBasic = await fetch(`${url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${basic}` },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(byBasic.status).toBe(200);
    const detail = await json(await call('GET', `/api/auth/service-accounts/${account.id}`, admin));
    expect(detail.lastUsedAt).not.toBeNull();
    expect(detail.audit).toEqual([
      expect.objectContaining({ action: 'CREATED', actor: 'ada', actorId: 'rackeval-local|ada', reason: 'bay 3 harness' }),
    ]);
  });

  it('rotates a secret (the old one is refused at once) and revokes (no more tokens; a live token ends with its short lifetime)', async () => {
    const { body } = await create({ name: 'burnin-bay-4', role: 'viewer', expiresAt: inDays(10) });
    const id = body.account.id;
    const live = await json(await form({ grant_type: 'client_credentials', client_id: id, client_secret: body.clientSecret }));

    const rotated = await call('POST', `/api/auth/service-accounts/${id}/rotate`, admin, { reason: 'leaked in a log' });
    expect(rotated.status).toBe(200);
    const { clientSecret: newSecret, account } = await json(rotated);
    expect(account.secretVersion).toBe(2);
    const old = await form({ grant_type: 'client_credentials', client_id: id, client_secret: body.clientSecret });
    expect(old.status).toBe(401);
    expect(await json(old)).toEqual({ error: 'invalid_client', error_description: 'unknown client or wrong secret' });
    expect((await form({ grant_type: 'client_credentials', client_id: id, client_secret: newSecret })).status).toBe(200);

    const revoked = await call('POST', `/api/auth/service-accounts/${id}/revoke`, admin, { reason: 'bay decommissioned' });
    expect(revoked.status).toBe(200);
    expect(await json(revoked)).toMatchObject({ state: 'REVOKED', revokedBy: 'ada' });
    const after = await form({ grant_type: 'client_credentials', client_id: id, client_secret: newSecret });
    expect(after.status).toBe(401);
    expect(await json(after)).toEqual({ error: 'invalid_client', error_description: 'the service account is revoked' });
    expect((await call('POST', `/api/auth/service-accounts/${id}/revoke`, admin, {})).status).toBe(409);
    expect((await call('POST', `/api/auth/service-accounts/${id}/rotate`, admin, {})).status).toBe(409);

    // The token obtained before revocation stops working once its lifetime (2 s here) is over.
    await waitFor(
      "the revoked account's token to expire",
      async () => (await call('GET', '/api/auth/me', live.access_token)).status === 401,
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const audit = (await json(await call('GET', `/api/auth/service-accounts/${id}`, admin))).audit;
    expect(audit.map((entry: { action: string; reason: string | null }) => [entry.action, entry.reason])).toEqual([
      ['CREATED', null],
      ['ROTATED', 'leaked in a log'],
      ['REVOKED', 'bay decommissioned'],
    ]);
  });

  it('limits the role to test-engineer or narrower and validates every field', async () => {
    for (const role of ['finance', 'admin', 'intake']) {
      const refused = await create({ name: `too-broad-${role}`, role, expiresAt: inDays(5) });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'SERVICE_ACCOUNT_ROLE_TOO_BROAD', details: [expect.objectContaining({ field: 'role' })] });
    }
    const bad = await create({ name: 'X!', role: 'viewer', expiresAt: 'tomorrow', site: 'a b' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['expiresAt', 'name', 'site']);
    expect((await create({ name: 'past-expiry', role: 'viewer', expiresAt: inDays(-1) })).body).toMatchObject({
      code: 'SERVICE_ACCOUNT_EXPIRY_INVALID',
    });
    expect((await create({ name: 'far-expiry', role: 'viewer', expiresAt: inDays(5000) })).status).toBe(400);
    expect((await create({ name: 'burnin-bay-3', role: 'viewer', expiresAt: inDays(5) })).status).toBe(409);
  });

  it('refuses an id that is not a service account id (400 naming id) on every route that takes one; a well-formed unknown id is 404', async () => {
    const before = await json(await call('GET', '/api/auth/service-accounts', admin));
    const notIds = ['not-a-uuid', '12345', 'c232ab00-9414-11ec-b3c8-9f6bdeced846' /* a UUID, but version 1 */];
    for (const id of notIds) {
      for (const [method, route] of [
        ['GET', id],
        ['POST', `${id}/rotate`],
        ['POST', `${id}/revoke`],
        ['DELETE', id],
      ]) {
        const refused = await call(method, `/api/auth/service-accounts/${route}`, admin, method === 'POST' ? {} : undefined);
        expect({ method, route, status: refused.status }).toEqual({ method, route, status: 400 });
        expect(await json(refused)).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'id', message: expect.stringContaining('UUID') }],
        });
      }
    }
    const unknown = await call('GET', '/api/auth/service-accounts/00000000-0000-4000-8000-000000000000', admin);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ code: 'SERVICE_ACCOUNT_NOT_FOUND', details: [{ field: 'id' }] });
    expect(await json(await call('GET', '/api/auth/service-accounts', admin))).toEqual(before);
  });

  it('refuses every other role (403) and anonymous callers (401)', async () => {
    const tess = await call('POST', '/api/auth/service-accounts', engineer, { name: 'sneaky', role: 'viewer', expiresAt: inDays(5) });
    expect(tess.status).toBe(403);
    expect((await call('GET', '/api/auth/service-accounts', engineer)).status).toBe(403);
    expect((await fetch(`${url}/api/auth/service-accounts`)).status).toBe(401);
  });

  it('answers token-endpoint refusals in RFC 6749 §5.2 shape: wrong secret, unknown client, missing fields, unsupported grant, expired account', async () => {
    const { body } = await create({ name: 'short-lived', role: 'viewer', expiresAt: new Date(Date.now() + 3000).toISOString() });
    expect(await json(await form({ grant_type: 'client_credentials', client_id: body.account.id, client_secret: 'rks_wrong' }))).toEqual({
      error: 'invalid_client',
      error_description: 'unknown client or wrong secret',
    });
    expect(
      (await form({ grant_type: 'client_credentials', client_id: '00000000-0000-4000-8000-000000000000', client_secret: 'x' })).status,
    ).toBe(401);
    const basicWrong = await form(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from(`${body.account.id}:nope`).toString('base64')}` },
    );
    expect(basicWrong.status).toBe(401);
    expect(basicWrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await json(await form({ grant_type: 'client_credentials', client_id: body.account.id }))).toEqual({
      error: 'invalid_request',
      error_description: expect.stringContaining('client_secret'),
    });
    const password = await form({ grant_type: 'password', username: 'ada', password: 'rackeval' });
    expect(password.status).toBe(400);
    expect(await json(password)).toMatchObject({ error: 'unsupported_grant_type' });
    // Once its expiry has passed, the right secret is refused too.
    await waitFor(
      'the account to expire',
      async () => {
        const response = await form({ grant_type: 'client_credentials', client_id: body.account.id, client_secret: body.clientSecret });
        return response.status === 401 && (await json(response)).error_description === 'the service account has expired';
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    // People still sign in with a password as before.
    expect(await signIn('fiona')).toEqual(expect.any(String));
  });
});
