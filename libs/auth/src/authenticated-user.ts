import type { JWTPayload } from 'jose';
import { Role } from './roles';

export interface AuthenticatedUser {
  /** For display and audit text (`preferred_username`, else `sub`). Not unique and may be user-editable: never compare it. */
  username: string;
  /** The identity to compare (four-eyes, ownership): issuer and subject, see `actorIdOf`. */
  actorId: string;
  /** The token's `sub`. */
  subject: string;
  /** The token's `iss`. */
  issuer: string;
  /** The roles this system knows; may be empty, and then only `@AllowRoleless()` routes admit the user. */
  roles: Role[];
  /**
   * The one site a service account is limited to (its token's `site` claim): it may change only
   * runs in bays at that site. Absent for people and for accounts without a site — never limited.
   */
  site?: string;
  claims: JWTPayload;
}

/** Whether `user` may change something at `site`: people and unlimited accounts anywhere, a site-limited account only at its site. */
export function siteAllows(user: Pick<AuthenticatedUser, 'site'> | undefined, site: string): boolean {
  return user?.site === undefined || user.site === site;
}

/** `iss|sub`: a subject is unique only within its issuer. */
export function actorIdOf(issuer: string, subject: string): string {
  return `${issuer}|${subject}`;
}

/** The parts of an HTTP request the guard reads and writes; independent of the HTTP adapter. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  /** Express: the matched route's pattern, e.g. `/v1/racks/:serial`. */
  route?: { path?: unknown };
  /** Express: the path without the query. */
  path?: string;
  user?: AuthenticatedUser;
  /** Who acted, for request logs and audit fields (the display username). */
  actor?: string;
}
