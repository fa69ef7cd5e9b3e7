import { Link } from 'react-router-dom';
import { purchaseOptionApi } from '../api';
import { useSession } from '../auth/auth-context';
import { canSeeReminders } from '../auth/roles';
import { useLiveEvents } from '../live/live-context';
import { affects } from '../live/refresh-rules';
import { useAsync } from '../shared/use-async';
import { reminderDays } from './reminder-days';

/** The top bar's count of what finance should act on; any option event re-counts. */
export function RemindersBadge() {
  const session = useSession();
  if (!canSeeReminders(session)) return null;
  return <Badge />;
}

function Badge() {
  const reminders = useAsync(() => purchaseOptionApi.reminders(reminderDays()), []);
  useLiveEvents((event) => {
    if (affects(event, 'options')) reminders.reload();
  });
  const count = reminders.data?.count ?? 0;
  return (
    <Link to="/reminders" className="reminders-link" aria-label={`Reminders: ${count} waiting`}>
      Reminders {count > 0 && <span className="badge reminder-count">{count}</span>}
    </Link>
  );
}
