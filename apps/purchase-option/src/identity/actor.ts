import type { AuthenticatedUser } from '@rackeval/auth';

/** Who acts: `id` (issuer + subject) is compared for four-eyes; `name` (the username) is shown and audited beside it. */
export interface Actor {
  id: string;
  name: string;
}

/**
 * The acting user's identity. Usernames (`preferred_username` in OIDC) may be user-editable and are
 * never compared. Takes the principal's `actorId` when libs/auth provides it, else `iss|sub`.
 */
export function actorOf(user: AuthenticatedUser): Actor {
  const provided = (user as { actorId?: unknown }).actorId;
  const id = typeof provided === 'string' && provided ? provided : `${String(user.claims.iss)}|${String(user.claims.sub)}`;
  return { id, name: user.username };
}
