import type { GatewayConfig } from '../config';

/** How the console signs in, read at run time so one build serves both modes. No secrets. */
export type ConsoleAuthConfig =
  | { mode: 'local' }
  | {
      mode: 'oidc';
      /** The provider's issuer URL; the console discovers its endpoints from it. */
      issuer: string;
      /** The console's public client (authorization code + PKCE). */
      clientId: string;
      scopes: string;
      /** Where the roles are in the provider's tokens (dotted path), as the services read them. */
      rolesClaim: string;
    };

export function consoleAuthConfig(config: GatewayConfig): ConsoleAuthConfig {
  if (config.AUTH_MODE === 'local') return { mode: 'local' };
  return {
    mode: 'oidc',
    issuer: config.AUTH_ISSUER,
    clientId: config.AUTH_CONSOLE_CLIENT_ID!,
    scopes: config.AUTH_CONSOLE_SCOPES,
    rolesClaim: config.AUTH_ROLES_CLAIM,
  };
}
