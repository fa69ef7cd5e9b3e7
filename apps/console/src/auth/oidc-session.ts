import { ROLES, type Role } from '@rackeval/api-client';
import type { Session } from './session-store';

/** The parts of a signed-in OIDC user the console reads (oidc-client-ts `User`). */
export interface OidcUserLike {
  access_token: string;
  /** Epoch seconds. */
  expires_at?: number;
  profile: Record<string, unknown>;
}

/**
 * The console's session from the provider's answer: the ID token's claims name the user; roles come
 * from `rolesClaim` (a dotted path, e.g. `realm_access.roles`) in the ID token, else in the access
 * token (Keycloak puts realm roles only there). The services read the same claim from the access
 * token (libs/auth/src/claims.ts) and decide; the console only uses roles to show the right pages.
 */
export function sessionFromOidcUser(user: OidcUserLike, rolesClaim: string): Session {
  const { profile } = user;
  const fromIdToken = readClaim(profile, rolesClaim);
  const roles = rolesFrom(fromIdToken !== undefined ? fromIdToken : readClaim(accessTokenClaims(user.access_token), rolesClaim));
  const username = [profile.preferred_username, profile.sub].find((name): name is string => typeof name === 'string' && name !== '') ?? '';
  return { accessToken: user.access_token, username, roles, expiresAt: (user.expires_at ?? 0) * 1000 };
}

// A literal key wins, so namespaced claims such as `https://example.com/roles` still work.
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), claims);
}

// Providers send roles as an array or as one space-separated string; roles the console does not know are dropped.
function rolesFrom(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return [...new Set(names)].filter((name): name is Role => (ROLES as readonly unknown[]).includes(name));
}

/** The access token's payload when it is a JWT (for the roles only; the services verify it). */
function accessTokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isObject(claims) ? claims : {};
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
