import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../errors/error-message';
import { useSubmit } from '../shared/use-submit';
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
  const { busy, error, submit } = useSubmit(async () => {
    const session = await signIn(username.trim(), password);
    navigate(homeFor(session), { replace: true });
  });

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="card sign-in-card" onSubmit={submit} aria-describedby="sign-in-hint">
        <h1 id="sign-in-title">Sign in to rackeval</h1>
        <p id="sign-in-hint" className="muted">
          Local users: {SEEDED_USERS}.
        </p>
        <SignInField name="username" label="User name" value={username} onChange={setUsername} autoFocus />
        <SignInField
          name="password"
          label="Password"
          value={password}
          onChange={setPassword}
          type="password"
          autoComplete="current-password"
        />
        <ErrorMessage error={error} title="Sign-in failed" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** A labelled, required input whose id and name are the same word (the browser's password manager reads the name). */
function SignInField({
  name,
  label,
  value,
  onChange,
  type,
  autoComplete = name,
  autoFocus,
}: {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: string;
  autoComplete?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        autoFocus={autoFocus}
      />
    </>
  );
}
