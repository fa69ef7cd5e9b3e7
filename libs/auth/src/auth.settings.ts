import { AuthConfigurationError } from './auth.errors';

export interface AuthSettings {
  /** `local`: tokens from the development issuer; `oidc`: tokens from an OIDC provider's JWKS. */
  mode: 'local' | 'oidc';
  issuer: string;
  audience: string;
  /** Public JWK written by the local issuer (local mode). */
  localPublicKeyFile?: string;
  /** The provider's key set (oidc mode). */
  jwksUrl?: string;
  /** Accepted signing algorithms; local mode accepts only ES256. */
  algorithms: string[];
  /** Claim holding the roles; a dotted path reaches nested claims (`realm_access.roles`). */
  rolesClaim: string;
  /**
   * Tokens issued (`iat`) longer ago than this are refused even if not yet expired, so a provider's
   * long-lived token is not accepted for its whole life. Default `DEFAULT_MAX_TOKEN_AGE_SECONDS`.
   */
  maxTokenAgeSeconds?: number;
}

/** Two hours: twice the local issuer's token lifetime, above the usual hour of OIDC access tokens. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 2 * 3600;

/** `typ` header values accepted when present (RFC 7519 `JWT`, RFC 9068 `at+jwt`), compared without `application/`. */
export const ACCEPTED_TOKEN_TYPES = ['jwt', 'at+jwt'];

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export const LOCAL_ALGORITHMS = ['ES256'];

// Asymmetric only: a shared secret would let every service mint tokens, and `none` signs nothing.
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;

/** Checks settings once at start-up so a bad value stops the service instead of failing per request. */
export function validateAuthSettings(settings: AuthSettings): void {
  const fail = (message: string): never => {
    throw new AuthConfigurationError(`auth settings: ${message}`);
  };
  if (settings.mode !== 'local' && settings.mode !== 'oidc') fail(`mode must be 'local' or 'oidc', got '${String(settings.mode)}'`);
  if (!settings.issuer) fail('issuer is required');
  if (!settings.audience) fail('audience is required');
  if (!settings.algorithms?.length) fail('at least one algorithm is required');
  const refused = settings.algorithms.filter((alg) => !ASYMMETRIC.test(alg));
  if (refused.length) fail(`algorithms not accepted: ${refused.join(', ')} (asymmetric algorithms only)`);
  const maxAge = settings.maxTokenAgeSeconds;
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge <= 0))
    fail(`maxTokenAgeSeconds must be a positive integer, got ${maxAge}`);
  if (settings.mode === 'local') {
    if (!settings.localPublicKeyFile) fail('localPublicKeyFile is required in local mode');
    const other = settings.algorithms.filter((alg) => !LOCAL_ALGORITHMS.includes(alg));
    if (other.length) fail(`local mode signs with ES256 only, got ${other.join(', ')}`);
  }
  if (settings.mode === 'oidc') {
    if (!settings.jwksUrl) fail('jwksUrl is required in oidc mode');
    if (!URL.canParse(settings.jwksUrl!)) fail(`jwksUrl is not a URL: '${settings.jwksUrl}'`);
  }
}
