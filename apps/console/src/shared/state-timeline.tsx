import { formatDateTime } from './format';

/** One step of a lifecycle as the services report it (a rack's, an RMA's). */
export interface TimelineStep<State extends string> {
  at: string;
  from?: State | null;
  to: State;
  actor: string;
  reason?: string | null;
  eventId?: string | null;
}

/** Every step of a lifecycle, oldest first: when, from → to (in words), who, why. */
export function StateTimeline<State extends string>({
  history,
  words,
  label,
}: {
  history: TimelineStep<State>[];
  words(state: State): string;
  label?: string;
}) {
  if (!history.length) return <p className="muted">No history yet.</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {history.map((entry, i) => (
        <li key={entry.eventId ?? i}>
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          <span className="timeline-step">
            {entry.from ? `${words(entry.from)} → ` : ''}
            <strong>{words(entry.to)}</strong>
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
