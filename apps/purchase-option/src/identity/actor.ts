import type { AuthenticatedUser } from '@rackeval/auth';

/** Who acts: `id` (issuer + subject) is compared for four-eyes; `name` (the username) is shown and audited beside it. */
export interface Actor {
  id: string;
  name: string;
}

/** The acting user's identity. Usernames (`preferred_username` in OIDC) may be user-editable and are never compared. */
export function actorOf(user: AuthenticatedUser): Actor {
  return { id: user.actorId, name: user.username };
}
