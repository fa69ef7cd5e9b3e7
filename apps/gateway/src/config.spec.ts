import { ConfigError } from '@rackeval/platform';
import { loadGatewayConfig } from './config';

const OIDC = {
  AUTH_MODE: 'oidc',
  AUTH_ISSUER: 'https://id.example',
  AUTH_JWKS_URL: 'https://id.example/jwks',
  AUTH_CONSOLE_CLIENT_ID: 'rackeval-console',
};

describe('loadGatewayConfig', () => {
  it.each([
    ['NODE_ENV unset', {}],
    ['NODE_ENV=staging', { NODE_ENV: 'staging' }],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['NODE_ENV=production with AUTH_LOCAL_ISSUER=enabled', { NODE_ENV: 'production', AUTH_LOCAL_ISSUER: 'enabled' }],
  ])('refuses the local issuer with %s', (_name, env) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
  });

  it('names what to set when NODE_ENV is unset', () => {
    expect(() => loadGatewayConfig({})).toThrow(/NODE_ENV is unset.*AUTH_LOCAL_ISSUER=enabled/);
  });

  it.each([
    ['NODE_ENV=development', { NODE_ENV: 'development' }],
    ['NODE_ENV=test', { NODE_ENV: 'test' }],
    ['AUTH_LOCAL_ISSUER=enabled', { AUTH_LOCAL_ISSUER: 'enabled' }],
    ['AUTH_MODE=oidc in production', { NODE_ENV: 'production', ...OIDC }],
  ])('starts with %s', (_name, env) => {
    expect(() => loadGatewayConfig(env)).not.toThrow();
  });

  it('keeps what NODE_ENV really was, for the issuer to check again', () => {
    expect(loadGatewayConfig({ AUTH_LOCAL_ISSUER: 'enabled' }).declaredNodeEnv).toBeUndefined();
    expect(loadGatewayConfig({ NODE_ENV: 'test' }).declaredNodeEnv).toBe('test');
  });

  it('refuses a local token lifetime longer than the maximum token age', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'test', AUTH_LOCAL_TOKEN_TTL_SECONDS: '7200', AUTH_MAX_TOKEN_AGE_SECONDS: '3600' })).toThrow(
      /AUTH_LOCAL_TOKEN_TTL_SECONDS/,
    );
  });

  it('resolves only the four services, never inherited names', () => {
    const upstreams = new Map(Object.entries(loadGatewayConfig({ NODE_ENV: 'test' }).upstreams()));

    expect([...upstreams.keys()]).toEqual(['intake', 'test-run', 'results', 'purchase-option']);
    expect(upstreams.get('__proto__')).toBeUndefined();
  });

  describe('in oidc mode', () => {
    it.each([
      ['an issuer that is not a URL', { AUTH_ISSUER: 'rackeval-local' }, /AUTH_ISSUER: in oidc mode it must be the provider's issuer URL/],
      [
        'an http issuer in production',
        { NODE_ENV: 'production', AUTH_ISSUER: 'http://id.example' },
        /AUTH_ISSUER: must be https in production/,
      ],
      ['no console client', { AUTH_CONSOLE_CLIENT_ID: undefined }, /AUTH_CONSOLE_CLIENT_ID: required in oidc mode/],
      ['scopes without openid', { AUTH_CONSOLE_SCOPES: 'profile email' }, /AUTH_CONSOLE_SCOPES: must include 'openid'/],
    ])('refuses %s, naming the variable', (_name, change, message) => {
      expect(() => loadGatewayConfig({ NODE_ENV: 'test', ...OIDC, ...change })).toThrow(message);
    });

    it('accepts an http issuer on a test machine', () => {
      expect(loadGatewayConfig({ NODE_ENV: 'test', ...OIDC, AUTH_ISSUER: 'http://127.0.0.1:4400' }).AUTH_ISSUER).toBe(
        'http://127.0.0.1:4400',
      );
    });
  });
});
