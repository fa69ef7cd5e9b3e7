import { loadGatewayConfig } from '../config';
import { consoleAuthConfig } from './console-auth-config';

describe('consoleAuthConfig', () => {
  it('tells the console to show its own sign-in form in local mode', () => {
    expect(consoleAuthConfig(loadGatewayConfig({ NODE_ENV: 'test' }))).toEqual({ mode: 'local' });
  });

  it('gives the console the provider, its client, scopes and roles claim in oidc mode, and nothing secret', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: 'https://id.example/realms/rackeval',
      AUTH_JWKS_URL: 'https://id.example/realms/rackeval/protocol/openid-connect/certs',
      AUTH_CONSOLE_CLIENT_ID: 'rackeval-console',
      AUTH_CONSOLE_SCOPES: 'openid profile offline_access',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      LOCAL_USERS_PASSWORD: 'not-for-the-console',
    });

    const sut = consoleAuthConfig(config);

    expect(sut).toEqual({
      mode: 'oidc',
      issuer: 'https://id.example/realms/rackeval',
      clientId: 'rackeval-console',
      scopes: 'openid profile offline_access',
      rolesClaim: 'realm_access.roles',
    });
  });
});
