import { HttpException, HttpStatus, Inject, Injectable, NotFoundException, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { ensureLocalKeyPair, InvalidCredentialsError, IssuedToken, LocalIssuer } from '@rackeval/auth';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { GatewayConfig } from '../config';
import { ClientCredentials, refusalOf, tokenResponse } from '../service-accounts/client-credentials';
import {
  ClientAuthenticationError,
  serviceAccountDisplayName,
  serviceAccountSubject,
  ServiceAccountsService,
} from '../service-accounts/service-accounts.service';
import { SignInThrottle } from './sign-in-throttle';

/** 429: too many failed sign-ins for this account or from this address. */
export class SignInThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins; try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Development sign-in with the seeded users of DESIGN.md, throttled per account and per address.
 * With AUTH_MODE=oidc the identity provider issues tokens and this endpoint does not exist.
 */
@Injectable()
export class SignInService implements OnModuleInit {
  private issuer?: LocalIssuer;
  private readonly throttle: SignInThrottle;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.throttle = new SignInThrottle({
      windowMs: config.SIGN_IN_WINDOW_SECONDS * 1000,
      accountMaxFailures: config.SIGN_IN_ACCOUNT_MAX_FAILURES,
      addressMaxFailures: config.SIGN_IN_ADDRESS_MAX_FAILURES,
      lockoutMs: config.SIGN_IN_LOCKOUT_SECONDS * 1000,
      maxLockoutMs: config.SIGN_IN_MAX_LOCKOUT_SECONDS * 1000,
    });
  }

  async onModuleInit(): Promise<void> {
    if (this.config.AUTH_MODE !== 'local') return;
    const { privateKeyFile } = await ensureLocalKeyPair(this.config.AUTH_LOCAL_KEY_DIR);
    this.issuer = await LocalIssuer.create({
      privateKeyFile,
      issuer: this.config.AUTH_ISSUER,
      audience: this.config.AUTH_AUDIENCE,
      password: this.config.LOCAL_USERS_PASSWORD,
      ttlSeconds: this.config.AUTH_LOCAL_TOKEN_TTL_SECONDS,
      nodeEnv: this.config.declaredNodeEnv,
      enabled: this.config.AUTH_LOCAL_ISSUER === 'enabled',
    });
  }

  async signIn(username: string, password: string, address: string): Promise<IssuedToken> {
    const issuer = this.localIssuer();
    const waitMs = this.throttle.retryAfterMs(username, address);
    if (waitMs > 0) throw new SignInThrottledException(Math.ceil(waitMs / 1000));
    try {
      const issued = await issuer.issue(username, password);
      this.throttle.recordSuccess(username);
      return issued;
    } catch (error) {
      if (!(error instanceof InvalidCredentialsError)) throw error;
      this.throttle.recordFailure(username, address);
      throw new UnauthorizedException('unknown user or wrong password');
    }
  }

  /** The client-credentials grant for a service account, throttled per client id and address like passwords. */
  async clientCredentials(credentials: ClientCredentials, address: string, accounts: ServiceAccountsService) {
    const issuer = this.localIssuer();
    const key = `client:${credentials.clientId}`;
    const waitMs = this.throttle.retryAfterMs(key, address);
    if (waitMs > 0) throw new SignInThrottledException(Math.ceil(waitMs / 1000));
    let account;
    try {
      account = await accounts.authenticate(credentials.clientId, credentials.clientSecret);
    } catch (error) {
      if (!(error instanceof ClientAuthenticationError)) throw error;
      // Revoked and expired are only said after the right secret: not guesses, so not counted.
      if (error.reason === 'unknown' || error.reason === 'wrong-secret') this.throttle.recordFailure(key, address);
      throw refusalOf(error, credentials.basic);
    }
    this.throttle.recordSuccess(key);
    const untilExpiry = Math.floor((account.expiresAt.getTime() - Date.now()) / 1000);
    const issued = await issuer.issueFor({
      subject: serviceAccountSubject(account.id),
      username: serviceAccountDisplayName(account.name),
      roles: [account.role],
      ttlSeconds: Math.max(1, Math.min(this.config.SERVICE_ACCOUNT_TOKEN_TTL_SECONDS, untilExpiry)),
      claims: { client_id: account.id, ...(account.site ? { site: account.site } : {}) },
    });
    return tokenResponse(issued, account.role);
  }

  jwks() {
    return this.localIssuer().publicJwks();
  }

  private localIssuer(): LocalIssuer {
    if (!this.issuer) throw new NotFoundException('sign-in is done by the identity provider (AUTH_MODE=oidc)');
    return this.issuer;
  }
}
