import { sessionFromOidcUser } from './oidc-session';

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('sessionFromOidcUser', () => {
  it('names the user and reads the roles from the configured nested claim of the ID token', () => {
    const sut = sessionFromOidcUser(
      {
        access_token: 'opaque',
        expires_at: 1_700_000_000,
        profile: { sub: 'u-7', preferred_username: 'fiona', realm_access: { roles: ['finance', 'uma_authorization'] } },
      },
      'realm_access.roles',
    );

    expect(sut).toEqual({ accessToken: 'opaque', username: 'fiona', roles: ['finance'], expiresAt: 1_700_000_000_000 });
  });

  it('reads the roles from the access token when the ID token does not carry them (Keycloak realm roles)', () => {
    const token = jwt({ sub: 'u-1', resource_access: { rackeval: { roles: ['admin', 'viewer'] } } });

    const sut = sessionFromOidcUser(
      { access_token: token, expires_at: 10, profile: { sub: 'u-1', preferred_username: 'ada' } },
      'resource_access.rackeval.roles',
    );

    expect(sut.roles).toEqual(['admin', 'viewer']);
  });

  it('accepts a namespaced claim name and a space-separated list', () => {
    const sut = sessionFromOidcUser(
      { access_token: 'x', profile: { sub: 's', 'https://rackeval.example/roles': 'intake viewer' } },
      'https://rackeval.example/roles',
    );

    expect(sut.roles).toEqual(['intake', 'viewer']);
    expect(sut.username).toBe('s');
  });

  it('gives no roles when the claim is missing, so the console shows no pages of work', () => {
    expect(sessionFromOidcUser({ access_token: 'not-a-jwt', profile: { sub: 's', roles: ['admin'] } }, 'realm_access.roles').roles).toEqual(
      [],
    );
  });
});
