import type { RackEvaluation } from '../api';
import { humanise } from '../live/refresh-rules';
import { DataTable, num } from '../shared/data-table';
import { formatDateTime } from '../shared/format';

/** Every verdict of the rack's evaluation (a re-open or a correction keeps the earlier ones) and every re-open, newest first. */
export function EvaluationHistory({ evaluation }: { evaluation: RackEvaluation }) {
  const rejudged = evaluation.suites.filter((suite) => (suite.decidingVerdictRevision ?? 1) > 1);
  if (!evaluation.verdicts.length && !rejudged.length) return null;
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
        columns={['Revision', 'Outcome', 'Concluded', num('Criteria met'), 'Failed suites']}
      >
        {evaluation.verdicts.map((verdict) => (
          <tr key={verdict.revision}>
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
            <li key={reopening.revision}>
              Revision {reopening.revision} re-opened {formatDateTime(reopening.reopenedAt)} by {reopening.actor} (
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
