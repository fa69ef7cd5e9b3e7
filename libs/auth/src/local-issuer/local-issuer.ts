import { randomBytes, randomUUID } from 'node:crypto';
import { type CryptoKey, importJWK, JWK, type JWTPayload, SignJWT } from 'jose';
import { AuthConfigurationError, InvalidCredentialsError } from '../auth.errors';
import { Role } from '../roles';
import type { IssuedToken } from '../vocabulary';
import { publicPart, readJwk } from './local-keys';
import { hashPassword, matchesPassword, PasswordHash } from './password-hash';
import { SEEDED_USERS } from './seeded-users';

export interface LocalIssuerOptions {
  privateKeyFile: string;
  issuer: string;
  audience: string;
  /** Password of every seeded user; hashed at once and then forgotten. */
  password: string;
  /** Token lifetime; default `DEFAULT_LOCAL_TOKEN_TTL_SECONDS`. */
  ttlSeconds?: number;
  /** NODE_ENV as set, not a default (`undefined` when unset); omitted: `process.env.NODE_ENV`. */
  nodeEnv?: string;
  /** `AUTH_LOCAL_ISSUER=enabled`: run although NODE_ENV is neither `development` nor `test` (never in production). */
  enabled?: boolean;
}

export const DEFAULT_LOCAL_TOKEN_TTL_SECONDS = 3600;

/**
 * Why the local issuer must not run here, or undefined when it may. It signs tokens for users whose
 * password is documented, so it runs only where someone said this is development or test.
 */
export function localIssuerRefusal(nodeEnv: string | undefined, enabled = false): string | undefined {
  if (nodeEnv === 'production') return 'the local issuer does not run in production; configure AUTH_MODE=oidc';
  if (nodeEnv === 'development' || nodeEnv === 'test' || enabled) return undefined;
  return `the local issuer runs only with NODE_ENV=development or test (NODE_ENV is ${nodeEnv === undefined ? 'unset' : `'${nodeEnv}'`}); set one of them, or AUTH_LOCAL_ISSUER=enabled, or configure AUTH_MODE=oidc`;
}

/** An account signed for by `LocalIssuer.issueFor`. */
export interface IssuedAccount {
  subject: string;
  username: string;
  roles: Role[];
  ttlSeconds: number;
  claims?: Record<string, string>;
}

interface Account {
  roles: Role[];
  password: PasswordHash;
}

/** Development sign-in for the seeded users. Production uses an OIDC provider instead. */
export class LocalIssuer {
  private constructor(
    private readonly signingKey: CryptoKey,
    private readonly publicJwk: JWK,
    private readonly accounts: ReadonlyMap<string, Account>,
    // Checked for unknown users too, so timing does not reveal which user names exist.
    private readonly decoy: PasswordHash,
    private readonly claims: { issuer: string; audience: string; ttlSeconds: number },
  ) {}

  static async create(options: LocalIssuerOptions): Promise<LocalIssuer> {
    const { privateKeyFile, issuer, audience, password, ttlSeconds = DEFAULT_LOCAL_TOKEN_TTL_SECONDS } = options;
    const refusal = localIssuerRefusal('nodeEnv' in options ? options.nodeEnv : process.env.NODE_ENV, options.enabled);
    if (refusal) throw new AuthConfigurationError(refusal);
    if (!password) throw new AuthConfigurationError('local issuer: a password for the seeded users is required');
    if (!issuer || !audience) throw new AuthConfigurationError('local issuer: issuer and audience are required');
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
      throw new AuthConfigurationError(`local issuer: ttlSeconds must be a positive integer, got ${ttlSeconds}`);
    }
    const jwk = await readJwk(privateKeyFile);
    if (!jwk.d || !jwk.kid) throw new AuthConfigurationError(`key file ${privateKeyFile} is not the issuer's private key`);
    const signingKey = (await importJWK(jwk, 'ES256')) as CryptoKey;
    const accounts = new Map(
      await Promise.all(
        SEEDED_USERS.map(async ({ username, roles }) => [username, { roles, password: await hashPassword(password) }] as const),
      ),
    );
    const decoy = await hashPassword(randomBytes(16).toString('hex'));
    return new LocalIssuer(signingKey, publicPart(jwk), accounts, decoy, { issuer, audience, ttlSeconds });
  }

  async issue(username: string, password: string): Promise<IssuedToken> {
    const account = this.accounts.get(username);
    const matches = await matchesPassword(typeof password === 'string' ? password : '', account?.password ?? this.decoy);
    if (!account || !matches) throw new InvalidCredentialsError();
    const { ttlSeconds } = this.claims;
    const accessToken = await this.sign({ preferred_username: username, roles: account.roles }, username, ttlSeconds);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttlSeconds, username, roles: [...account.roles] };
  }

  /**
   * A token for an account this issuer does not keep itself (a service account held by the caller,
   * which has already checked its credentials): the subject, display name, roles, lifetime and any
   * further claims (e.g. `site`) are the caller's.
   */
  async issueFor(account: IssuedAccount): Promise<IssuedToken> {
    const { subject, username, roles, ttlSeconds, claims = {} } = account;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
      throw new AuthConfigurationError(`local issuer: ttlSeconds must be a positive integer, got ${ttlSeconds}`);
    const accessToken = await this.sign({ ...claims, preferred_username: username, roles }, subject, ttlSeconds);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttlSeconds, username, roles: [...roles] };
  }

  /** A signed ES256 access token for `subject` with these claims, from this issuer to its audience, valid `ttlSeconds` from now. */
  private sign(payload: JWTPayload, subject: string, ttlSeconds: number): Promise<string> {
    const { issuer, audience } = this.claims;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.signingKey);
  }

  /** The key set to serve at a JWKS endpoint, so services can verify without sharing a file. */
  publicJwks(): { keys: JWK[] } {
    return { keys: [{ ...this.publicJwk }] };
  }

  users(): { username: string; roles: Role[] }[] {
    return [...this.accounts].map(([username, { roles }]) => ({ username, roles: [...roles] }));
  }
}
