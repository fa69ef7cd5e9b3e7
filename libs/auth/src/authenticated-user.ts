import type { JWTPayload } from 'jose';
import { Role } from './roles';

export interface AuthenticatedUser {
  username: string;
  roles: Role[];
  claims: JWTPayload;
}

/** The parts of an HTTP request the guard reads and writes; independent of the HTTP adapter. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
  /** Who acted, for request logs and audit fields. */
  actor?: string;
}
