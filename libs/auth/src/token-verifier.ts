import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, JWTVerifyGetKey, jwtVerify } from 'jose';
import { AuthenticatedUser } from './authenticated-user';
import { AuthConfigurationError, InvalidTokenError } from './auth.errors';
import {
  ACCEPTED_TOKEN_TYPES,
  AUTH_SETTINGS,
  AuthSettings,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  LOCAL_ALGORITHMS,
  validateAuthSettings,
} from './auth.settings';
import { userFromClaims } from './claims';
import { reasonFor } from './jose-error-reason';
import { readJwk } from './local-issuer/local-keys';

/**
 * Verifies bearer tokens: signature by a known key, pinned algorithms, issuer, audience, expiry,
 * an `iat` no older than the maximum age, and a `typ` header (when present) that says access token.
 */
@Injectable()
export class TokenVerifier {
  private readonly algorithms: string[];
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {
    validateAuthSettings(settings);
    this.algorithms = settings.mode === 'local' ? LOCAL_ALGORITHMS : settings.algorithms;
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    const keys = await this.keySet();
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'sub', 'iat'],
        maxTokenAge: this.settings.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS,
      });
      if (protectedHeader.typ !== undefined && !isAccessTokenType(protectedHeader.typ)) throw new InvalidTokenError('wrong type');
      return userFromClaims(payload, this.settings.rolesClaim);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      const reason = reasonFor(error);
      if (reason) throw new InvalidTokenError(reason, { cause: error });
      throw error;
    }
  }

  // Read on first use, not at construction: in local runs the gateway writes the key file, and
  // services starting alongside it must not fail for coming up first. A failed read is retried.
  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.loadKeySet().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async loadKeySet(): Promise<JWTVerifyGetKey> {
    if (this.settings.mode === 'oidc') return createRemoteJWKSet(new URL(this.settings.jwksUrl!));
    const file = this.settings.localPublicKeyFile!;
    const jwk = await readJwk(file);
    if ('d' in jwk) throw new AuthConfigurationError(`${file} holds a private key; point localPublicKeyFile at the public key`);
    return createLocalJWKSet({ keys: [jwk] });
  }
}

// An ID token or a logout token (other `typ`s) must not pass as an access token.
function isAccessTokenType(typ: string): boolean {
  return ACCEPTED_TOKEN_TYPES.includes(typ.toLowerCase().replace(/^application\//, ''));
}
