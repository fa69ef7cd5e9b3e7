import { useEffect, useState, type ReactNode } from 'react';
import { authApi, type AuthConfig } from '../api/auth-api';
import { ErrorMessage } from '../errors/error-message';
import { AuthProvider } from './auth-context';
import { OidcAuthProvider } from './oidc-auth-provider';

/**
 * Asks the gateway how to sign in (GET /api/auth/config) when the console loads, so one build serves
 * both modes: the local form, or the organisation's OIDC provider.
 */
export function ConsoleAuthProvider({
  children,
  loadConfig = authApi.config,
}: {
  children: ReactNode;
  loadConfig?: () => Promise<AuthConfig>;
}) {
  const [config, setConfig] = useState<AuthConfig>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setError(undefined);
    loadConfig().then(
      (answer) => current && setConfig(answer),
      (reason: unknown) => current && setError(reason),
    );
    return () => {
      current = false;
    };
  }, [loadConfig, attempt]);

  if (error) {
    return (
      <main className="sign-in">
        <div className="card sign-in-card">
          <ErrorMessage error={error} title="The console could not learn how to sign in" />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!config) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  }
  return config.mode === 'oidc' ? <OidcAuthProvider config={config}>{children}</OidcAuthProvider> : <AuthProvider>{children}</AuthProvider>;
}
