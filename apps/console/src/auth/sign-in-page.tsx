import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../errors/error-message';
import { useAuth } from './auth-context';
import { homeFor } from './roles';

/** The seeded development users, as a hint on the local sign-in page. */
const SEEDED_USERS = 'ines (intake), tariq or tess (test engineers), fiona or farid (finance), ada (admin), vic (viewer)';

export function SignInPage() {
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
        <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <ErrorMessage error={error} title="Sign-in failed" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
