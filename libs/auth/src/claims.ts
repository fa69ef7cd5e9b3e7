import type { JWTPayload } from 'jose';
import { actorIdOf, AuthenticatedUser } from './authenticated-user';
import { InvalidTokenError } from './auth.errors';
import { isRole } from './roles';

/** Builds the user from verified claims; roles this system does not know are dropped. */
export function userFromClaims(claims: JWTPayload, rolesClaim: string): AuthenticatedUser {
  const { sub: subject, iss: issuer } = claims;
  if (typeof subject !== 'string' || subject === '' || typeof issuer !== 'string' || issuer === '') {
    throw new InvalidTokenError('invalid claim');
  }
  const username = claims['preferred_username'] ?? subject;
  if (typeof username !== 'string' || username === '') throw new InvalidTokenError('invalid claim');
  const roles = [...new Set(rolesFrom(readClaim(claims, rolesClaim || 'roles')))].filter(isRole);
  const site = siteOf(claims);
  return { username, actorId: actorIdOf(issuer, subject), subject, issuer, roles, ...(site !== undefined ? { site } : {}), claims };
}

/** The claim a service account's token carries its site in (the gateway's client-credentials grant sets it). */
export const SITE_CLAIM = 'site';

/**
 * A service account's site. Only a client's token (one with `client_id`, as the client-credentials
 * grant issues) is limited: a `site` claim a person's identity provider happens to send limits nothing.
 * A site-limited account's token with a malformed site is refused rather than read as unlimited.
 */
function siteOf(claims: JWTPayload): string | undefined {
  if (typeof claims['client_id'] !== 'string' || !(SITE_CLAIM in claims)) return undefined;
  const site = claims[SITE_CLAIM];
  if (typeof site !== 'string' || site === '') throw new InvalidTokenError('invalid claim');
  return site;
}

// A literal key wins, so namespaced claims such as `https://example.com/roles` still work.
function readClaim(claims: JWTPayload, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), claims);
}

// Providers send roles as an array or as one space-separated string.
function rolesFrom(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(/\s+/);
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
