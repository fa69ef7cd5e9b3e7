import { UserManager, WebStorageStateStore, type User, type UserManagerSettings } from 'oidc-client-ts';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { AuthProvider as OidcProvider, useAuth as useOidc } from 'react-oidc-context';
import type { AuthConfig } from '../api/auth-api';
import { onUnauthorised, setTokenSource } from '../api/credentials';
import { AuthStateProvider, type AuthState } from './auth-context';
import { sessionFromOidcUser } from './oidc-session';

export type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }>;

/** Where the provider sends the browser back with the code; register `<console origin>/auth/callback`. */
export const CALLBACK_PATH = '/auth/callback';

/**
 * Authorization code with PKCE (oidc-client-ts always uses PKCE for the code flow), tokens kept in
 * this tab's sessionStorage like the local session. Renewal uses the refresh token the provider
 * issues to a public client (no iframe: the console's CSP forbids framing it). Register
 * `<console origin>/` as the post-logout redirect. Sign-out ends the provider session (end_session),
 * which ends the refresh tokens bound to it.
 */
export function oidcSettings(config: OidcConfig, origin: string, store: Storage = sessionStorage): UserManagerSettings {
  return {
    authority: config.issuer,
    client_id: config.clientId,
    scope: config.scopes,
    response_type: 'code',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    userStore: new WebStorageStateStore({ store }),
    automaticSilentRenew: true,
    // Session monitoring needs an iframe at the provider; expiry and 401s end the session instead.
    monitorSession: false,
    loadUserInfo: false,
  };
}

/** After the provider's redirect: back to the page the user asked for (a path of this console only). */
export function returnToAfterSignIn(user: User | undefined): void {
  const returnTo = (user?.state as { returnTo?: unknown } | undefined)?.returnTo;
  const path = typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  window.history.replaceState({}, document.title, path);
}

/** OIDC mode: the provider signs the user in; the app sees the same `useAuth()` as in local mode. */
export function OidcAuthProvider({ config, children }: { config: OidcConfig; children: ReactNode }) {
  const userManager = useMemo(() => new UserManager(oidcSettings(config, window.location.origin)), [config]);
  return (
    <OidcProvider userManager={userManager} onSigninCallback={returnToAfterSignIn}>
      <OidcSession userManager={userManager} rolesClaim={config.rolesClaim}>
        {children}
      </OidcSession>
    </OidcProvider>
  );
}

function OidcSession({ userManager, rolesClaim, children }: { userManager: UserManager; rolesClaim: string; children: ReactNode }) {
  const oidc = useOidc();
  const user = oidc.user && !oidc.user.expired ? oidc.user : null;
  const session = useMemo(() => (user ? sessionFromOidcUser(user, rolesClaim) : null), [user, rolesClaim]);
  const initialised = useRef(false);
  if (!oidc.isLoading) initialised.current = true;

  // Before any page's effect asks for data: requests carry the current (silently renewed) token.
  const token = useRef<string | undefined>(undefined);
  token.current = session?.accessToken;
  useLayoutEffect(() => {
    setTokenSource(() => token.current);
    return () => setTokenSource(null);
  }, []);

  // A token that expired (renewal failed) or that the gateway refuses ends the session here.
  useEffect(() => {
    const forget = () => void userManager.removeUser();
    userManager.events.addAccessTokenExpired(forget);
    const stop = onUnauthorised(forget);
    return () => {
      userManager.events.removeAccessTokenExpired(forget);
      stop();
    };
  }, [userManager]);

  const { signinRedirect, signoutRedirect, removeUser, error } = oidc;
  const signInWithProvider = useCallback((returnTo?: string) => signinRedirect({ state: { returnTo } }), [signinRedirect]);
  // Ends the session at the provider (end_session), which then sends the browser back signed out.
  const signOut = useCallback(() => {
    signoutRedirect().catch(() => removeUser());
  }, [signoutRedirect, removeUser]);

  const value = useMemo<AuthState>(
    () => ({
      mode: 'oidc',
      session,
      signInWithProvider,
      signOut,
      error,
      signIn: () => Promise.reject(new Error('sign-in goes through the identity provider in oidc mode')),
    }),
    [session, signInWithProvider, signOut, error],
  );
  if (!initialised.current) {
    return (
      <p className="muted" role="status">
        Signing in…
      </p>
    );
  }
  return <AuthStateProvider value={value}>{children}</AuthStateProvider>;
}
