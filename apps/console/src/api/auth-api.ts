import type { IssuedToken } from '@rackeval/api-client';
import { get, post } from './http';

/** How the console signs in, from GET /api/auth/config (apps/gateway/src/sign-in/console-auth-config.ts). */
export type AuthConfig = { mode: 'local' } | { mode: 'oidc'; issuer: string; clientId: string; scopes: string; rolesClaim: string };

export const authApi = {
  signIn: (username: string, password: string) => post<IssuedToken>('/api/auth/token', { username, password }),
  config: () => get<AuthConfig>('/api/auth/config'),
};
