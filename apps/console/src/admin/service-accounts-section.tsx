import { useState, type FormEvent } from 'react';
import { serviceAccountsApi, type ServiceAccountRole, type ServiceAccountSecret } from '../api/service-accounts-api';
import { ErrorMessage } from '../errors/error-message';
import { useAsync } from '../shared/use-async';
import { TextField } from '../shared/text-field';

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Admin: the service accounts harnesses sign in with (client credentials); a secret is shown once. */
export function ServiceAccountsSection() {
  const accounts = useAsync(() => serviceAccountsApi.list(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ServiceAccountRole>('test-engineer');
  const [site, setSite] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [error, setError] = useState<unknown>();
  const [issued, setIssued] = useState<{ what: 'created' | 'rotated'; secret: ServiceAccountSecret }>();
  const [copied, setCopied] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const secret = await serviceAccountsApi.create({
        name: name.trim(),
        role,
        site: site.trim() || undefined,
        expiresAt: new Date(`${expires}T00:00:00Z`).toISOString(),
      });
      setIssued({ what: 'created', secret });
      setCopied(false);
      setName('');
      setSite('');
      accounts.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  async function act(id: string, action: 'rotate' | 'revoke', label: string) {
    const reason = window.prompt(`${action === 'rotate' ? 'Rotate the secret of' : 'Revoke'} ${label}? Reason (kept in the audit trail):`);
    if (reason === null) return;
    setError(undefined);
    try {
      if (action === 'rotate') {
        setIssued({ what: 'rotated', secret: await serviceAccountsApi.rotate(id, reason.trim() || undefined) });
        setCopied(false);
      } else {
        await serviceAccountsApi.revoke(id, reason.trim() || undefined);
      }
      accounts.reload();
    } catch (reason) {
      setError(reason);
    }
  }

  async function copy(text: string) {
    await navigator.clipboard?.writeText(text);
    setCopied(true);
  }

  return (
    <section className="card stack" aria-labelledby="service-accounts-title">
      <h2 id="service-accounts-title">Service accounts</h2>
      <p>
        Harnesses sign in with a client id and secret (<code>rackeval login --client-id … --client-secret-stdin</code>). Tokens last
        minutes; a revoked account gets no more.
      </p>
      {issued && (
        <div role="status" className="notice" aria-label="New client secret">
          <p>
            Secret of <strong>{issued.secret.account.name}</strong>{' '}
            {issued.what === 'rotated' ? '(rotated: the old one no longer works)' : ''} — shown this once, copy it now.
          </p>
          <p>
            Client id <code>{issued.secret.account.clientId}</code>
          </p>
          <p>
            <code data-testid="client-secret">{issued.secret.clientSecret}</code>{' '}
            <button type="button" onClick={() => copy(issued.secret.clientSecret)}>
              {copied ? 'Copied' : 'Copy secret'}
            </button>{' '}
            <button type="button" onClick={() => setIssued(undefined)}>
              Done
            </button>
          </p>
        </div>
      )}
      <form onSubmit={create} className="inline-form" aria-label="Create a service account">
        <TextField id="sa-name" label="Name" value={name} onChange={setName} placeholder="burnin-bay-3" />
        <span className="field">
          <label htmlFor="sa-role">Role</label>
          <select id="sa-role" value={role} onChange={(e) => setRole(e.target.value as ServiceAccountRole)}>
            <option value="test-engineer">test-engineer</option>
            <option value="viewer">viewer</option>
          </select>
        </span>
        <span className="field">
          <label htmlFor="sa-site">Site (optional)</label>
          <input id="sa-site" value={site} onChange={(e) => setSite(e.target.value)} placeholder="PDX-1" />
        </span>
        <TextField id="sa-expires" label="Expires" type="date" value={expires} onChange={setExpires} />
        <button type="submit">Create account</button>
      </form>
      <ErrorMessage error={error} title="The service account was not changed" />
      <ErrorMessage error={accounts.error} title="Service accounts could not be listed" />
      <table aria-label="Service accounts">
        <thead>
          <tr>
            <th>Name</th>
            <th>Client id</th>
            <th>Role</th>
            <th>Site</th>
            <th>State</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(accounts.data ?? []).map((account) => (
            <tr key={account.id}>
              <td>{account.name}</td>
              <td>
                <code>{account.clientId}</code>
              </td>
              <td>{account.role}</td>
              <td>{account.site ?? '—'}</td>
              <td>
                <span className={`tag ${account.state === 'ACTIVE' ? 'ok' : 'warn'}`}>{account.state}</span>
              </td>
              <td>{when(account.expiresAt)}</td>
              <td>{when(account.lastUsedAt)}</td>
              <td>
                {when(account.createdAt)} by {account.createdBy}
                {account.revokedBy ? `; revoked by ${account.revokedBy}` : ''}
              </td>
              <td>
                {account.state !== 'REVOKED' && (
                  <>
                    <button type="button" onClick={() => act(account.id, 'rotate', account.name)}>
                      Rotate secret
                    </button>{' '}
                    <button type="button" onClick={() => act(account.id, 'revoke', account.name)}>
                      Revoke
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
