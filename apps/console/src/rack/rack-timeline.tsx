import type { RackHistoryEntry } from '../api';
import { humanise } from '../live/refresh-rules';
import { formatDateTime } from '../shared/format';

/** Every lifecycle step of the rack, oldest first: when, from → to, who, why. */
export function RackTimeline({ history }: { history: RackHistoryEntry[] }) {
  if (!history.length) return <p className="muted">No history yet.</p>;
  return (
    <ol className="timeline">
      {history.map((entry, i) => (
        <li key={entry.eventId ?? i}>
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          <span className="timeline-step">
            {entry.from ? `${humanise(entry.from)} → ` : ''}
            <strong>{humanise(entry.to)}</strong>
          </span>
          <span className="muted">
            by {entry.actor}
            {entry.reason ? ` — ${entry.reason}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
