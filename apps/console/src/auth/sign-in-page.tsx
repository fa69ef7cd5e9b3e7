import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../errors/error-message';
import { useAuth } from './auth-context';
import { homeFor } from './roles';

/** The seeded development users, as a hint on the local sign-in page. */
const SEEDED_USERS = 'ines (intake), tariq or tess (test engineers), fiona or farid (finance), ada (admin), vic (viewer)';

export function SignInPage() {
  return useAuth().mode === 'oidc' ? <ProviderSignInPage /> : <LocalSignInPage />;
}

/** OIDC mode: no password here; the organisation's identity provider asks for it. */
function ProviderSignInPage() {
  const { signInWithProvider, error: providerError } = useAuth();
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      await signInWithProvider(typeof from === 'string' ? from : undefined);
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <div className="card sign-in-card">
        <h1 id="sign-in-title">Sign in to rackeval</h1>
        <p className="muted">You sign in with your organisation's account; your roles come from it.</p>
        <ErrorMessage error={error ?? providerError} title="Sign-in failed" />
        <button type="button" className="primary" onClick={() => void start()} disabled={busy} autoFocus>
          {busy ? 'Going to sign-in…' : 'Sign in with your organisation'}
        </button>
      </div>
    </main>
  );
}

function LocalSignInPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(username.trim(), password);
      navigate(homeFor(session), { replace: true });
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="card sign-in-card" onSubmit={submit} aria-describedby="sign-in-hint">
        <h1 id="sign-in-title">Sign in to rackeval</h1>
        <p id="sign-in-hint" className="muted">
          Local users: {SEEDED_USERS}.
        </p>
        <label htmlFor="username">User name</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoFocus
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <ErrorMessage error={error} title="Sign-in failed" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
