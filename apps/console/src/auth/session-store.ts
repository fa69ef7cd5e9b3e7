import type { Role } from '@rackeval/api-client';

/** Who is signed in in this tab, from the gateway's token answer. */
export interface Session {
  accessToken: string;
  username: string;
  roles: Role[];
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
}

/**
 * The signed-in session lives in sessionStorage: it survives a reload but not a closed tab,
 * and other tabs sign in on their own.
 */
const KEY = 'rackeval.session';

export function saveSession(session: Session, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

/** The stored session, or null when there is none, it is unreadable, or its token has expired. */
export function loadSession(storage: Storage = sessionStorage, now = Date.now()): Session | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Partial<Session>;
    if (typeof session.accessToken !== 'string' || typeof session.username !== 'string' || !Array.isArray(session.roles)) return null;
    if (typeof session.expiresAt !== 'number' || session.expiresAt <= now) return null;
    return session as Session;
  } catch {
    return null;
  }
}

/** Builds the session from the sign-in answer; `expiresIn` is in seconds. */
export function sessionFromToken(
  token: { accessToken: string; expiresIn: number; username: string; roles: Role[] },
  now = Date.now(),
): Session {
  return { accessToken: token.accessToken, username: token.username, roles: token.roles, expiresAt: now + token.expiresIn * 1000 };
}
