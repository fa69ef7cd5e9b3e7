import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  JWTHeaderParameters,
  JWTPayload,
  SignJWT,
} from 'jose';
import { AuthSettings } from '../auth.settings';
import { LocalIssuer } from '../local-issuer/local-issuer';
import { ensureLocalKeyPair, readJwk } from '../local-issuer/local-keys';

export const TEST_ISSUER = 'rackeval-local';
export const TEST_AUDIENCE = 'rackeval';
export const TEST_PASSWORD = 'rackeval';

/** Changes to a well-formed token, for tests that expect it to be refused. */
export interface TokenOverrides {
  /** `sub` and `preferred_username`; default `ada`. */
  username?: string;
  roles?: unknown;
  issuer?: string;
  audience?: string | string[];
  /** Epoch seconds; in the past for an expired token. Default one hour from now. */
  expiresAt?: number;
  /** Extra or replacing claims, applied last. */
  claims?: JWTPayload;
  /** Claims to leave out, e.g. `['exp']`. */
  omit?: string[];
  header?: Partial<JWTHeaderParameters>;
  /** Sign with a freshly made key the verifier has never seen. */
  foreignKey?: boolean;
}

/** Tokens for tests: a real key pair and the real local issuer, so tests exercise real verification. */
export class TestTokens {
  private constructor(
    readonly dir: string,
    readonly privateKeyFile: string,
    readonly publicKeyFile: string,
    private readonly issuer: LocalIssuer,
    private readonly ownsDir: boolean,
  ) {}

  /** Uses `dir` for the key pair, or a new temporary directory that `dispose()` removes. */
  static async create(dir?: string): Promise<TestTokens> {
    const keyDir = dir ?? (await mkdtemp(join(tmpdir(), 'rackeval-auth-')));
    const { privateKeyFile, publicKeyFile } = await ensureLocalKeyPair(keyDir);
    const issuer = await LocalIssuer.create({
      privateKeyFile,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      password: TEST_PASSWORD,
      nodeEnv: 'test',
    });
    return new TestTokens(keyDir, privateKeyFile, publicKeyFile, issuer, !dir);
  }

  settings(): AuthSettings {
    return {
      mode: 'local',
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      localPublicKeyFile: this.publicKeyFile,
      algorithms: ['ES256'],
      rolesClaim: 'roles',
    };
  }

  /** A valid token for a seeded user (ines, tariq, tess, fiona, farid, ada, vic). */
  async token(username: string): Promise<string> {
    return (await this.issuer.issue(username, TEST_PASSWORD)).accessToken;
  }

  async tokenWith(overrides: TokenOverrides = {}): Promise<string> {
    const username = overrides.username ?? 'ada';
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      sub: username,
      preferred_username: username,
      roles: overrides.roles ?? ['admin'],
      iss: overrides.issuer ?? TEST_ISSUER,
      aud: overrides.audience ?? TEST_AUDIENCE,
      iat: now,
      exp: overrides.expiresAt ?? now + 3600,
      ...overrides.claims,
    };
    for (const claim of overrides.omit ?? []) delete payload[claim];
    const { key, kid } = overrides.foreignKey ? await foreignKey() : await this.signingKey();
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT', ...overrides.header }).sign(key);
  }

  /**
   * A token shaped like the gateway's client-credentials grant issues for a service account
   * (`sub` sa:<id>, `client_id`, one role), limited to `site` when given.
   */
  async serviceAccountToken(account: { name: string; role?: string; site?: string; id?: string }): Promise<string> {
    const id = account.id ?? `00000000-0000-4000-8000-${Buffer.from(account.name).toString('hex').padEnd(12, '0').slice(0, 12)}`;
    return this.tokenWith({
      username: `sa:${id}`,
      roles: [account.role ?? 'test-engineer'],
      claims: { preferred_username: `sa:${account.name}`, client_id: id, ...(account.site !== undefined ? { site: account.site } : {}) },
    });
  }

  async dispose(): Promise<void> {
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
  }

  private async signingKey(): Promise<{ key: CryptoKey; kid?: string }> {
    const jwk = await readJwk(this.privateKeyFile);
    return { key: (await importJWK(jwk, 'ES256')) as CryptoKey, kid: jwk.kid };
  }
}

async function foreignKey(): Promise<{ key: CryptoKey; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { key: privateKey, kid: await calculateJwkThumbprint(await exportJWK(publicKey)) };
}
