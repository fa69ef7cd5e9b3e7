import { userFromClaims } from './claims';
import { InvalidTokenError } from './auth.errors';

const base = { iss: 'https://id.example', sub: 'u-1', preferred_username: 'fiona' };

describe('userFromClaims: roles from the configured claim', () => {
  it.each([
    ['a top-level array', 'roles', { roles: ['finance', 'viewer'] }, ['finance', 'viewer']],
    [
      'a nested claim by dotted path (Keycloak realm roles)',
      'realm_access.roles',
      { realm_access: { roles: ['admin', 'offline_access'] } },
      ['admin'],
    ],
    [
      'a deeper path (Keycloak client roles)',
      'resource_access.rackeval.roles',
      { resource_access: { rackeval: { roles: ['intake'] } } },
      ['intake'],
    ],
    [
      'a namespaced claim whose name has dots',
      'https://rackeval.example/roles',
      { 'https://rackeval.example/roles': ['test-engineer'] },
      ['test-engineer'],
    ],
    ['a space-separated string', 'groups', { groups: 'finance  admin' }, ['finance', 'admin']],
  ])('reads %s', (_name, rolesClaim, claims, roles) => {
    expect(userFromClaims({ ...base, ...claims }, rolesClaim).roles).toEqual(roles);
  });

  it.each([
    ['the claim is missing', 'realm_access.roles', {}],
    ['the path stops at a non-object', 'realm_access.roles', { realm_access: 'admin' }],
    ['the claim is a number', 'roles', { roles: 7 }],
    ['the roles are another claim than configured', 'realm_access.roles', { roles: ['admin'] }],
  ])('gives no roles when %s', (_name, rolesClaim, claims) => {
    expect(userFromClaims({ ...base, ...claims }, rolesClaim).roles).toEqual([]);
  });

  it('drops roles this system does not know and repeats', () => {
    expect(userFromClaims({ ...base, roles: ['finance', 'superuser', 'finance', 42] }, 'roles').roles).toEqual(['finance']);
  });

  it('identifies the user by issuer and subject, and shows the preferred user name', () => {
    const sut = userFromClaims({ ...base, roles: [] }, 'roles');
    expect(sut).toMatchObject({ username: 'fiona', subject: 'u-1', issuer: 'https://id.example', actorId: 'https://id.example|u-1' });
  });

  it('refuses claims without a subject', () => {
    expect(() => userFromClaims({ iss: 'https://id.example' }, 'roles')).toThrow(InvalidTokenError);
  });
});

describe('userFromClaims: the site a service account is limited to', () => {
  const account = { ...base, sub: 'sa:3f0c', preferred_username: 'sa:harness', client_id: '3f0c', roles: ['test-engineer'] };

  it("reads a service account's site from its token", () => {
    expect(userFromClaims({ ...account, site: 'SJC-2' }, 'roles').site).toBe('SJC-2');
  });

  it('leaves an account without a site, and every person, unlimited', () => {
    expect(userFromClaims(account, 'roles').site).toBeUndefined();
    expect(userFromClaims({ ...base, site: 'SJC-2', roles: ['test-engineer'] }, 'roles').site).toBeUndefined();
  });

  it("refuses a service account's token whose site is not a name", () => {
    expect(() => userFromClaims({ ...account, site: 7 }, 'roles')).toThrow(InvalidTokenError);
    expect(() => userFromClaims({ ...account, site: '' }, 'roles')).toThrow(InvalidTokenError);
  });
});
