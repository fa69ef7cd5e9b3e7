import { Link, NavLink, Outlet } from 'react-router-dom';
import { useAuth, useSession } from '../auth/auth-context';
import { navigationFor } from '../auth/roles';
import { RemindersBadge } from '../finance/reminders-badge';
import { useLiveStatus } from '../live/live-context';

const STATUS_WORDS = {
  connecting: 'Connecting to live updates',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  off: 'Live updates off',
} as const;

/** The signed-in frame: skip link, role-aware navigation, live status and the page. */
export function AppShell() {
  const session = useSession();
  const { signOut } = useAuth();
  const { status, announcement } = useLiveStatus();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link className="brand" to="/programme" title="Programme: every generation side by side">
          rackeval
        </Link>
        <nav aria-label="Main">
          <ul>
            {navigationFor(session).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <RemindersBadge />
        <span className={`live-status live-${status}`} title={STATUS_WORDS[status]}>
          <span aria-hidden="true">●</span> {STATUS_WORDS[status]}
        </span>
        <span className="who">
          {session.username} <span className="muted">({session.roles.join(', ')})</span>
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
    </>
  );
}
