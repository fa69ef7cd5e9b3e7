import { Role } from '../roles';

/** The development issuer's users (DESIGN.md, "HTTP"); all share the configured password. */
export const SEEDED_USERS: ReadonlyArray<{ username: string; roles: Role[] }> = [
  { username: 'ines', roles: ['intake'] },
  { username: 'tariq', roles: ['test-engineer'] },
  { username: 'tess', roles: ['test-engineer'] },
  { username: 'fiona', roles: ['finance'] },
  { username: 'farid', roles: ['finance'] },
  { username: 'ada', roles: ['admin'] },
  { username: 'vic', roles: ['viewer'] },
];
