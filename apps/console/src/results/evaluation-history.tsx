import type { RackEvaluation } from '../api';
import { humanise } from '../live/refresh-rules';
import { DataTable, num } from '../shared/data-table';
import { formatDateTime } from '../shared/format';

type EvaluationRestart = RackEvaluation['restarts'][number];

/** What an earlier incarnation's evaluation had come to when its unit returned from an RMA. */
export function previousOutcomeWords(restart: EvaluationRestart): string {
  if (restart.previousOutcome === null) return 'no verdict';
  const revision = restart.previousRevision !== null ? ` (revision ${restart.previousRevision})` : '';
  const reopened = restart.previousStatus === 'REOPENED' ? ', re-opened' : '';
  return `${humanise(restart.previousOutcome)}${revision}${reopened}`;
}

/**
 * Every verdict of the rack's evaluation (a re-open, a correction or a return from an RMA keeps the earlier ones),
 * every return from an RMA that started it again, and every re-open, newest first.
 */
export function EvaluationHistory({ evaluation }: { evaluation: RackEvaluation }) {
  const rejudged = evaluation.suites.filter((suite) => (suite.decidingVerdictRevision ?? 1) > 1);
  const restarts = evaluation.restarts;
  // The incarnation column only matters once a verdict is about a unit back from an RMA.
  const incarnations = evaluation.verdicts.some((verdict) => verdict.incarnation > 1);
  if (!evaluation.verdicts.length && !rejudged.length && !restarts.length) return null;
  return (
    <section aria-labelledby="verdict-history-title">
      <h3 id="verdict-history-title">Verdict history</h3>
      {evaluation.status === 'REOPENED' && (
        <p className="warn" role="status">
          Re-opened: the verdict of revision {evaluation.revision} no longer stands; the evaluation awaits its next verdict.
        </p>
      )}
      <DataTable
        caption="Verdict revisions"
        captionUnseen
        columns={[incarnations && 'Incarnation', 'Revision', 'Outcome', 'Concluded', num('Criteria met'), 'Failed suites']}
      >
        {evaluation.verdicts.map((verdict) => (
          <tr key={`${verdict.incarnation}.${verdict.revision}`}>
            {incarnations && <td>{verdict.incarnation}</td>}
            <td>{verdict.revision}</td>
            <td>
              <span className={`badge outcome-${verdict.outcome.toLowerCase()}`}>{humanise(verdict.outcome)}</span>
            </td>
            <td>{formatDateTime(verdict.concludedAt)}</td>
            <td className="num">
              {verdict.criteriaMet} / {verdict.criteriaTotal}
            </td>
            <td>{verdict.failedSuites.join(', ') || '—'}</td>
          </tr>
        ))}
      </DataTable>
      {restarts.length > 0 && (
        <ul className="plain" aria-label="Restarts after RMA">
          {restarts.map((restart) => (
            <li key={restart.incarnation}>
              Restarted after RMA {restart.rmaNumber}: the unit came back {restart.kind === 'REPLACED' ? 'replaced' : 'repaired'}{' '}
              {formatDateTime(restart.returnedAt)} as incarnation {restart.incarnation}; incarnation {restart.previousIncarnation} had come
              to {previousOutcomeWords(restart)}.
            </li>
          ))}
        </ul>
      )}
      {rejudged.length > 0 && (
        <p className="muted">
          Re-judged after corrections:{' '}
          {rejudged
            .map((suite) => `${suite.suite} (verdict revision ${suite.decidingVerdictRevision}, earlier ones kept on the run)`)
            .join('; ')}
        </p>
      )}
      {evaluation.reopenings.length > 0 && (
        <ul className="plain">
          {evaluation.reopenings.map((reopening) => (
            <li key={`${reopening.incarnation}.${reopening.revision}`}>
              {incarnations ? `Incarnation ${reopening.incarnation}, revision` : 'Revision'} {reopening.revision} re-opened{' '}
              {formatDateTime(reopening.reopenedAt)} by {reopening.actor} (
              {reopening.cause === 'CORRECTION'
                ? 'a measurement correction changed the outcome'
                : `${reopening.extraAttempts} extra attempt(s)`}
              ): {reopening.reason}
              {reopening.suites.length > 0 && (
                <span className="muted">
                  {' '}
                  — {reopening.suites.map((suite) => `${suite.suite} up to attempt ${suite.attemptLimit}`).join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
