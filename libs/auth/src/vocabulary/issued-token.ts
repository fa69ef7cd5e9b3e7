import type { Role } from './roles';

/** What a sign-in answers (the gateway's POST /api/auth/token): a bearer token for one user and its roles. */
export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  username: string;
  roles: Role[];
}
