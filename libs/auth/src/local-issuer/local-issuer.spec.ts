import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { decodeProtectedHeader } from 'jose';
import { AuthConfigurationError, InvalidCredentialsError } from '../auth.errors';
import { TokenVerifier } from '../token-verifier';
import { LocalIssuer, LocalIssuerOptions, localIssuerRefusal } from './local-issuer';
import { ensureLocalKeyPair, LocalKeyFiles } from './local-keys';

const PASSWORD = 'correct horse battery staple';

describe('LocalIssuer', () => {
  let dir: string;
  let keys: LocalKeyFiles;
  let options: LocalIssuerOptions;
  let sut: LocalIssuer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rackeval-issuer-'));
    keys = await ensureLocalKeyPair(dir);
    options = {
      privateKeyFile: keys.privateKeyFile,
      issuer: 'rackeval-local',
      audience: 'rackeval',
      password: PASSWORD,
      nodeEnv: 'development',
    };
    sut = await LocalIssuer.create(options);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const verifier = (): TokenVerifier =>
    new TokenVerifier({
      mode: 'local',
      issuer: 'rackeval-local',
      audience: 'rackeval',
      localPublicKeyFile: keys.publicKeyFile,
      algorithms: ['ES256'],
      rolesClaim: 'roles',
    });

  it('signs for an account kept elsewhere with its subject, display name, roles, lifetime and claims', async () => {
    const issued = await sut.issueFor({
      subject: 'sa:42',
      username: 'sa:burnin-bay-3',
      roles: ['test-engineer'],
      ttlSeconds: 120,
      claims: { site: 'PDX-1' },
    });
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 120, username: 'sa:burnin-bay-3', roles: ['test-engineer'] });
    const user = await verifier().verify(issued.accessToken);
    expect(user).toMatchObject({
      username: 'sa:burnin-bay-3',
      subject: 'sa:42',
      actorId: 'rackeval-local|sa:42',
      roles: ['test-engineer'],
    });
    expect(user.claims).toMatchObject({ site: 'PDX-1' });
    expect((user.claims['exp'] as number) - (user.claims['iat'] as number)).toBe(120);
    await expect(sut.issueFor({ subject: 'sa:42', username: 'x', roles: [], ttlSeconds: 0 })).rejects.toThrow(AuthConfigurationError);
  });

  it('issues a token for the right password that the verifier accepts', async () => {
    const issued = await sut.issue('tariq', PASSWORD);

    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, username: 'tariq', roles: ['test-engineer'] });
    expect(decodeProtectedHeader(issued.accessToken)).toEqual({ alg: 'ES256', kid: sut.publicJwks().keys[0].kid, typ: 'JWT' });
    const user = await verifier().verify(issued.accessToken);
    expect(user).toMatchObject({ username: 'tariq', roles: ['test-engineer'] });
    expect(user.claims.exp! - user.claims.iat!).toBe(3600);
    expect(user.actorId).toBe('rackeval-local|tariq');
  });

  it('refuses a wrong password and an unknown user with the same error', async () => {
    const wrongPassword = await sut.issue('ada', 'guess').catch((e: unknown) => e);
    const unknownUser = await sut.issue('mallory', PASSWORD).catch((e: unknown) => e);

    expect(wrongPassword).toBeInstanceOf(InvalidCredentialsError);
    expect(unknownUser).toBeInstanceOf(InvalidCredentialsError);
    expect((unknownUser as Error).message).toBe((wrongPassword as Error).message);
  });

  it('knows the seeded users and their roles', () => {
    const usersAndRoles = sut.users().map(({ username, roles }) => `${username}: ${roles.join(', ')}`);

    expect(usersAndRoles).toEqual([
      'ines: intake',
      'tariq: test-engineer',
      'tess: test-engineer',
      'fiona: finance',
      'farid: finance',
      'ada: admin',
      'vic: viewer',
    ]);
    expect(sut.users().map((user) => Object.keys(user).sort())).toEqual(sut.users().map(() => ['roles', 'username']));
  });

  it('keeps no plaintext password, only salted hashes', () => {
    const internals = `${JSON.stringify(sut)}\n${inspect(sut, { depth: 10 })}`;

    expect(internals).not.toContain(PASSWORD);
    expect(internals).not.toContain(Buffer.from(PASSWORD).toString('hex'));
  });

  it('serves only the public key', () => {
    const { keys: served } = sut.publicJwks();

    expect(served).toHaveLength(1);
    expect(served[0]).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig' });
    expect(served[0]).not.toHaveProperty('d');
  });

  it('refuses to run in production', async () => {
    await expect(LocalIssuer.create({ ...options, nodeEnv: 'production' })).rejects.toThrow(
      new AuthConfigurationError('the local issuer does not run in production; configure AUTH_MODE=oidc'),
    );
  });

  it.each([
    ['unset', undefined, false],
    ['staging', 'staging', false],
    ['production even when enabled', 'production', true],
  ])('refuses to start when NODE_ENV is %s', async (_name, nodeEnv, enabled) => {
    await expect(LocalIssuer.create({ ...options, nodeEnv, enabled })).rejects.toThrow(/local issuer (runs only|does not run)/);
  });

  it.each([
    ['development', 'development', false],
    ['test', 'test', false],
    ['unset but AUTH_LOCAL_ISSUER=enabled', undefined, true],
  ])('starts when NODE_ENV is %s', async (_name, nodeEnv, enabled) => {
    await expect(LocalIssuer.create({ ...options, nodeEnv, enabled })).resolves.toBeInstanceOf(LocalIssuer);
  });

  it('names what to set when NODE_ENV is unset', () => {
    expect(localIssuerRefusal(undefined)).toContain('NODE_ENV is unset');
    expect(localIssuerRefusal(undefined)).toContain('AUTH_LOCAL_ISSUER=enabled');
  });

  it('issues tokens for the configured lifetime', async () => {
    const shortLived = await LocalIssuer.create({ ...options, ttlSeconds: 300 });

    const user = await verifier().verify((await shortLived.issue('ada', PASSWORD)).accessToken);

    expect(user.claims.exp! - user.claims.iat!).toBe(300);
  });

  it('refuses to start without a password', async () => {
    await expect(LocalIssuer.create({ ...options, password: '' })).rejects.toThrow(/password/);
  });

  it('refuses the public key as its signing key', async () => {
    await expect(LocalIssuer.create({ ...options, privateKeyFile: keys.publicKeyFile })).rejects.toThrow(/not the issuer's private key/);
  });
});
