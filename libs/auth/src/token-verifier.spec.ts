import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthConfigurationError, InvalidTokenError } from './auth.errors';
import { AuthSettings } from './auth.settings';
import { readJwk } from './local-issuer/local-keys';
import { TestTokens } from './testing/test-tokens';
import { TokenVerifier } from './token-verifier';

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenVerifier (local mode)', () => {
  let tokens: TestTokens;
  let sut: TokenVerifier;

  beforeAll(async () => {
    tokens = await TestTokens.create();
  });
  afterAll(() => tokens.dispose());
  beforeEach(() => {
    sut = new TokenVerifier(tokens.settings());
  });

  const refusal = (token: string): Promise<string | undefined> =>
    sut.verify(token).then(
      () => undefined,
      (error: unknown) => (error instanceof InvalidTokenError ? error.reason : `unexpected ${String(error)}`),
    );

  it('accepts a token from the local issuer with its username and roles', async () => {
    const user = await sut.verify(await tokens.token('fiona'));

    expect(user.username).toBe('fiona');
    expect(user.roles).toEqual(['finance']);
    expect(user.claims.iss).toBe('rackeval-local');
  });

  it('gives the issuer and subject as the identity to compare, beside the display name', async () => {
    const token = await tokens.tokenWith({ username: 'subject-42', claims: { preferred_username: 'Fiona' }, roles: ['finance'] });

    const user = await sut.verify(token);

    expect(user).toMatchObject({
      username: 'Fiona',
      subject: 'subject-42',
      issuer: 'rackeval-local',
      actorId: 'rackeval-local|subject-42',
    });
  });

  it.each(['JWT', 'jwt', 'at+jwt', 'application/at+jwt'])('accepts the typ header %s', async (typ) => {
    expect((await sut.verify(await tokens.tokenWith({ header: { typ } }))).username).toBe('ada');
  });

  it('accepts a token without a typ header', async () => {
    const token = await tokens.tokenWith({ header: { typ: undefined } });

    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).not.toHaveProperty('typ');
    expect((await sut.verify(token)).username).toBe('ada');
  });

  it.each(['logout+jwt', 'id_token+jwt', 'JOSE'])('refuses the typ header %s', async (typ) => {
    expect(await refusal(await tokens.tokenWith({ header: { typ } }))).toBe('wrong type');
  });

  it('refuses a token without iat', async () => {
    expect(await refusal(await tokens.tokenWith({ omit: ['iat'] }))).toBe('missing claim');
  });

  it('refuses a token issued longer ago than the maximum age, though not expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    sut = new TokenVerifier({ ...tokens.settings(), maxTokenAgeSeconds: 600 });

    expect(await refusal(await tokens.tokenWith({ claims: { iat: now - 601 }, expiresAt: now + 3600 }))).toBe('too old');
    expect((await sut.verify(await tokens.tokenWith({ claims: { iat: now - 500 } }))).username).toBe('ada');
  });

  it('refuses by default a token issued more than two hours ago', async () => {
    const now = Math.floor(Date.now() / 1000);

    expect(await refusal(await tokens.tokenWith({ claims: { iat: now - 2 * 3600 - 5 }, expiresAt: now + 3600 }))).toBe('too old');
  });

  it('refuses a token issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);

    expect(await refusal(await tokens.tokenWith({ claims: { iat: now + 600 } }))).toBe('invalid claim');
  });

  it('falls back to sub for the username and drops roles it does not know', async () => {
    const token = await tokens.tokenWith({ username: 'svc-1', roles: ['admin', 'root', 'viewer'], omit: ['preferred_username'] });

    const user = await sut.verify(token);

    expect(user.username).toBe('svc-1');
    expect(user.roles).toEqual(['admin', 'viewer']);
  });

  it('reads roles from a nested claim when configured with a dotted path', async () => {
    sut = new TokenVerifier({ ...tokens.settings(), rolesClaim: 'realm_access.roles' });
    const token = await tokens.tokenWith({ claims: { realm_access: { roles: ['intake'] } } });

    expect((await sut.verify(token)).roles).toEqual(['intake']);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: 'ada', roles: ['admin'], iss: 'rackeval-local', aud: 'rackeval', iat: now, exp: now + 600 };
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;

    expect(await refusal(token)).toBe('algorithm not allowed');
  });

  it('refuses a token for another audience', async () => {
    expect(await refusal(await tokens.tokenWith({ audience: 'someone-else' }))).toBe('wrong audience');
  });

  it('refuses a token from another issuer', async () => {
    expect(await refusal(await tokens.tokenWith({ issuer: 'https://evil.example' }))).toBe('wrong issuer');
  });

  it('refuses an expired token', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) - 60;

    expect(await refusal(await tokens.tokenWith({ expiresAt }))).toBe('expired');
  });

  it('refuses a token without an expiry', async () => {
    expect(await refusal(await tokens.tokenWith({ omit: ['exp'] }))).toBe('missing claim');
  });

  it('refuses a token signed by a key it does not know', async () => {
    expect(await refusal(await tokens.tokenWith({ foreignKey: true }))).toBe('unknown key');
  });

  it('refuses a token signed by another key under the known key id', async () => {
    const [known] = (await tokens.token('ada')).split('.');
    const kid = JSON.parse(Buffer.from(known, 'base64url').toString()).kid as string;

    expect(await refusal(await tokens.tokenWith({ foreignKey: true, header: { kid } }))).toBe('bad signature');
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, payload, signature] = (await tokens.token('vic')).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${base64url({ ...claims, roles: ['admin'] })}.${signature}`;

    expect(await refusal(forged)).toBe('bad signature');
  });

  it('refuses garbage', async () => {
    expect(await refusal('not-a-token')).toBe('malformed');
    expect(await refusal('a.b.c')).toBe('malformed');
  });

  it('names the key file when it is missing, and does not call that an invalid token', async () => {
    sut = new TokenVerifier({ ...tokens.settings(), localPublicKeyFile: '/nonexistent/public.jwk.json' });

    const error = await sut.verify(await tokens.token('ada')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthConfigurationError);
    expect((error as Error).message).toContain('/nonexistent/public.jwk.json');
  });

  it('refuses a private key configured as the public key', async () => {
    sut = new TokenVerifier({ ...tokens.settings(), localPublicKeyFile: tokens.privateKeyFile });

    await expect(sut.verify(await tokens.token('ada'))).rejects.toThrow(/holds a private key/);
  });
});

describe('TokenVerifier settings', () => {
  const local: AuthSettings = {
    mode: 'local',
    issuer: 'rackeval-local',
    audience: 'rackeval',
    localPublicKeyFile: '/keys/public.jwk.json',
    algorithms: ['ES256'],
    rolesClaim: 'roles',
  };

  it.each([
    ['alg none', { algorithms: ['none'] }, /none/],
    ['a shared-secret algorithm', { algorithms: ['HS256'] }, /HS256/],
    ['no algorithms', { algorithms: [] }, /algorithm/],
    ['no audience', { audience: '' }, /audience/],
    ['a maximum token age of zero', { maxTokenAgeSeconds: 0 }, /maxTokenAgeSeconds/],
    ['local mode without a key file', { localPublicKeyFile: undefined }, /localPublicKeyFile/],
    ['oidc mode without a JWKS URL', { mode: 'oidc', jwksUrl: undefined }, /jwksUrl/],
    ['oidc mode with a bad JWKS URL', { mode: 'oidc', jwksUrl: 'not a url' }, /jwksUrl/],
  ] as const)('stops at start-up on %s', (_name, change, message) => {
    expect(() => new TokenVerifier({ ...local, ...change } as AuthSettings)).toThrow(message);
  });
});

describe('TokenVerifier (oidc mode)', () => {
  let tokens: TestTokens;
  let server: Server;
  let sut: TokenVerifier;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    const jwks = JSON.stringify({ keys: [await readJwk(tokens.publicKeyFile)] });
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    sut = new TokenVerifier({
      ...tokens.settings(),
      mode: 'oidc',
      localPublicKeyFile: undefined,
      jwksUrl: `http://127.0.0.1:${port}/jwks`,
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await tokens.dispose();
  });

  it('verifies against the key set served at the JWKS URL', async () => {
    expect((await sut.verify(await tokens.token('tess'))).roles).toEqual(['test-engineer']);
  });

  it('refuses a key the key set does not hold', async () => {
    await expect(sut.verify(await tokens.tokenWith({ foreignKey: true }))).rejects.toMatchObject({ reason: 'unknown key' });
  });
});
