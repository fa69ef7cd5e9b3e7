import { Inject, Injectable, OnModuleInit, UnauthorizedException, NotFoundException } from '@nestjs/common';
import { ensureLocalKeyPair, InvalidCredentialsError, IssuedToken, LocalIssuer } from '@rackeval/auth';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { GatewayConfig } from '../config';

/**
 * Development sign-in with the seeded users of DESIGN.md. With AUTH_MODE=oidc the identity
 * provider issues tokens and this endpoint does not exist.
 */
@Injectable()
export class SignInService implements OnModuleInit {
  private issuer?: LocalIssuer;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.AUTH_MODE !== 'local') return;
    const { privateKeyFile } = await ensureLocalKeyPair(this.config.AUTH_LOCAL_KEY_DIR);
    this.issuer = await LocalIssuer.create({
      privateKeyFile,
      issuer: this.config.AUTH_ISSUER,
      audience: this.config.AUTH_AUDIENCE,
      password: this.config.LOCAL_USERS_PASSWORD,
      nodeEnv: this.config.NODE_ENV,
    });
  }

  async signIn(username: string, password: string): Promise<IssuedToken> {
    const issuer = this.localIssuer();
    try {
      return await issuer.issue(username, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new UnauthorizedException('unknown user or wrong password');
      throw error;
    }
  }

  jwks() {
    return this.localIssuer().publicJwks();
  }

  private localIssuer(): LocalIssuer {
    if (!this.issuer) throw new NotFoundException('sign-in is done by the identity provider (AUTH_MODE=oidc)');
    return this.issuer;
  }
}
