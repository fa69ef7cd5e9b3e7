import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, onUnauthorised, type Session } from '../api';
import { clearSession, loadSession, saveSession, sessionFromToken } from './session-store';

interface AuthState {
  session: Session | null;
  signIn(username: string, password: string): Promise<Session>;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

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

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
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
