import { Link, useParams } from 'react-router-dom';
import { purchaseOptionApi, testRunApi } from '../api';
import { useSession } from '../auth/auth-context';
import { canDeclinePending, canDecide, canReview } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { useLiveEvents } from '../live/live-context';
import { affects, humanise } from '../live/refresh-rules';
import { formatDateTime, formatMoney } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { ApprovalForm } from './approval-form';
import { DecisionForm } from './decision-form';
import { DeclinePendingForm } from './decline-pending-form';
import { OptionEvidence } from './option-evidence';
import { OptionRmaNote } from './option-rma';

/** One option: price and evidence side by side, test history, decision history, and the actions the reader may take. */
export function OptionPage() {
  const serial = useParams().serial!;
  const session = useSession();
  const option = useAsync(() => purchaseOptionApi.option(serial), [serial]);
  const runs = useAsync(() => testRunApi.runs({ rack: serial }).then((page) => page.items), [serial]);

  useLiveEvents((event) => {
    if (affects(event, 'option', serial)) option.reload();
    if (affects(event, 'rack', serial)) runs.reload();
  });

  if (option.error) return <ErrorMessage error={option.error} title={`Option for ${serial}`} />;
  if (!option.data) return <p aria-busy="true">Loading option…</p>;
  const o = option.data;
  const replace = (updated: typeof o) => option.setData(() => updated);
  return (
    <article aria-labelledby="option-title">
      <p>
        <Link to="/options">← Option queue</Link> · <Link to={`/options/${encodeURIComponent(o.rackSerial)}/memo`}>Decision memo</Link>
      </p>
      <h1 id="option-title">
        Option for rack <Link to={`/racks/${encodeURIComponent(o.rackSerial)}`}>{o.rackSerial}</Link>{' '}
        <span className={`badge option-${o.state.toLowerCase()}`}>{humanise(o.state)}</span>
      </h1>
      <p className="muted">
        {o.generation} at {o.site}; received {formatDateTime(o.receivedAt)}
        {o.verdictAt ? `; verdict ${formatDateTime(o.verdictAt)}` : ''}
        {o.expiresAt ? `; window closes ${formatDateTime(o.expiresAt)}` : ''}
      </p>
      <OptionRmaNote option={o} />
      {o.lastRejection && (
        <p className="warn">
          Last exercise request rejected by {o.lastRejection.rejectedBy} on {formatDateTime(o.lastRejection.rejectedAt)}: “
          {o.lastRejection.note}”
        </p>
      )}
      {o.outcome && (
        <p>
          Decided by <strong>{o.outcome.decidedBy}</strong>
          {o.outcome.approvedBy ? `, approved by ${o.outcome.approvedBy}` : ''} on {formatDateTime(o.outcome.endedAt)}: “
          {o.outcome.rationale}”
        </p>
      )}
      <OptionEvidence option={o} />
      {o.state === 'PENDING_APPROVAL' && !canReview(session, o) && o.pendingRequest?.requestedBy === session.username && (
        <p className="muted" role="note">
          You requested this exercise; a second finance colleague must approve or reject it.
        </p>
      )}
      {canDecide(session, o) && (
        <section className="card">
          <DecisionForm option={o} onDecided={replace} />
        </section>
      )}
      {canDeclinePending(session, o) && (
        <section className="card">
          <DeclinePendingForm option={o} onDeclined={replace} />
        </section>
      )}
      {canReview(session, o) && (
        <section className="card">
          <ApprovalForm option={o} onReviewed={replace} />
        </section>
      )}
      <div className="two-columns">
        <section className="card" aria-labelledby="tests-title">
          <h2 id="tests-title">Test history</h2>
          <ErrorMessage error={runs.error} title="Runs" />
          <ul>
            {(runs.data ?? []).map((run) => (
              <li key={run.id}>
                <Link to={`/runs/${run.id}`}>
                  {run.suiteName || run.suite} attempt {run.attempt}
                </Link>{' '}
                — {humanise(run.state)} {run.completedAt ? formatDateTime(run.completedAt) : ''}
              </li>
            ))}
          </ul>
          {runs.data?.length === 0 && <p className="muted">No runs.</p>}
        </section>
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">Decision history</h2>
          <ol className="timeline">
            {o.history.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                <span className="timeline-step">
                  <strong>{humanise(entry.action)}</strong>
                  {entry.toState ? ` → ${humanise(entry.toState)}` : ''}
                </span>
                <span className="muted">
                  by {entry.actor}
                  {entry.reason ? ` — ${entry.reason}` : ''}
                  {entry.waiver ? ` (waiver: ${entry.waiver})` : ''}
                  {entry.unitPrice ? ` at ${formatMoney(entry.unitPrice, entry.currency)}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </article>
  );
}
