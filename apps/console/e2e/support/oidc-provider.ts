import { SEEDED_USERS } from '@rackeval/auth';
import { ChildService, freePort } from '@rackeval/testing';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, 'oidc-provider.mjs');

export interface OidcProviderOptions {
  /** The console's origin (the gateway): the client's redirect and post-logout URIs live there. */
  consoleOrigin: string;
  clientId: string;
  /** The `aud` of access tokens: the services' AUTH_AUDIENCE. */
  audience: string;
  accessTokenTtlSeconds: number;
  password?: string;
}

/**
 * A real OpenID Provider (oidc-provider, see oidc-provider.mjs) in its own process on loopback,
 * with the seeded users and their roles in `realm_access.roles`. Its port is chosen first, so the
 * services and the gateway can be told the issuer before it runs.
 */
export class TestOidcProvider {
  readonly issuer: string;
  private service?: ChildService;

  private constructor(private readonly port: number) {
    this.issuer = `http://127.0.0.1:${port}`;
  }

  static async reserve(): Promise<TestOidcProvider> {
    return new TestOidcProvider(await freePort());
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  async start(options: OidcProviderOptions): Promise<void> {
    const { service } = await ChildService.start(
      SCRIPT,
      {
        OIDC_PORT: String(this.port),
        OIDC_CONSOLE_ORIGIN: options.consoleOrigin,
        OIDC_CLIENT_ID: options.clientId,
        OIDC_AUDIENCE: options.audience,
        OIDC_ACCESS_TOKEN_TTL: String(options.accessTokenTtlSeconds),
        OIDC_PASSWORD: options.password ?? 'rackeval',
        OIDC_USERS: JSON.stringify(SEEDED_USERS),
      },
      /^ready (\S+)$/m,
    );
    this.service = service;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
  }
}
