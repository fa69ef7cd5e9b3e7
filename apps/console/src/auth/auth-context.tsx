import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, onUnauthorised, type Session } from '../api';
import { clearSession, loadSession, saveSession, sessionFromToken } from './session-store';

export interface AuthState {
  /** `local`: the gateway's sign-in form; `oidc`: the organisation's identity provider. */
  mode: 'local' | 'oidc';
  session: Session | null;
  /** Local mode: user name and password to the gateway. */
  signIn(username: string, password: string): Promise<Session>;
  /** OIDC mode: off to the provider's login page; back at `returnTo` once signed in. */
  signInWithProvider(returnTo?: string): Promise<void>;
  /** Ends the session here (and, in OIDC mode, at the provider). */
  signOut(): void;
  /** Why the last sign-in through the provider failed, if it did. */
  error?: unknown;
}

const AuthContext = createContext<AuthState | null>(null);

/** Lets another sign-in (OIDC) provide the same state to the app. */
export const AuthStateProvider = AuthContext.Provider;

/** Local mode: the gateway's development issuer, with the seeded users. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());

  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const next = sessionFromToken(await authApi.signIn(username, password));
    saveSession(next);
    setSession(next);
    return next;
  }, []);

  // A token the gateway no longer accepts ends the session everywhere in the app.
  useEffect(() => onUnauthorised(signOut), [signOut]);

  // Sign out when the token expires, rather than letting the next click fail.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(signOut, Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo<AuthState>(
    () => ({
      mode: 'local',
      session,
      signIn,
      signOut,
      signInWithProvider: () => Promise.reject(new Error('sign-in goes through the form in local mode')),
    }),
    [session, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in session; pages under the signed-in layout may rely on it. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
