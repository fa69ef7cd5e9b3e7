import { isNotFound, type Figure, type RackEvaluation } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { DataTable, num } from '../shared/data-table';
import { formatDateTime, formatNumber } from '../shared/format';
import { DiagnosisJudgementTable } from './diagnosis-criteria';

/** The rack's evaluation: outcome, suites and the headline figures against their targets. */
export function EvaluationPanel({ evaluation, error }: { evaluation?: RackEvaluation; error?: unknown }) {
  // No runs yet is a normal state, not an error.
  if (isNotFound(error)) return <p className="muted">No evaluation yet: no run has been judged.</p>;
  if (error) return <ErrorMessage error={error} title="Evaluation" />;
  if (!evaluation) return <p className="muted">Loading…</p>;
  return (
    <div>
      <p>
        Outcome: <span className={`badge outcome-${evaluation.outcome.toLowerCase()}`}>{humanise(evaluation.outcome)}</span>{' '}
        {evaluation.concludedAt && <span className="muted">concluded {formatDateTime(evaluation.concludedAt)}</span>} — criteria met{' '}
        <strong>
          {evaluation.criteriaMet} / {evaluation.criteriaTotal}
        </strong>
      </p>
      <dl className="figures">
        <FigureRow label="Performance" figure={evaluation.performance} higherIsBetter />
        <FigureRow label="Power" figure={evaluation.power} />
        <FigureRow label="Performance per watt" figure={evaluation.performancePerWatt} higherIsBetter />
      </dl>
      <DataTable caption="Suites" captionUnseen columns={['Suite', 'Required', 'Status', num('Failed attempts')]}>
        {evaluation.suites.map((suite) => (
          <tr key={suite.suite}>
            <td>{suite.suite}</td>
            <td>{suite.required ? 'yes' : 'no'}</td>
            <td>
              <span className={`badge status-${suite.status.toLowerCase()}`}>{humanise(suite.status)}</span>
            </td>
            <td className="num">
              {suite.failedAttempts} of {suite.maxAttempts}
            </td>
          </tr>
        ))}
      </DataTable>
      <DiagnosisJudgementTable judgements={evaluation.diagnosisCriteria ?? []} />
    </div>
  );
}

function FigureRow({ label, figure, higherIsBetter }: { label: string; figure?: Figure; higherIsBetter?: boolean }) {
  if (!figure) return null;
  const { measured, target } = figure;
  const met = measured === undefined || target === undefined ? undefined : higherIsBetter ? measured >= target : measured <= target;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {formatNumber(measured)} {figure.unit}{' '}
        <span className="muted">
          target {formatNumber(target)} {figure.unit}
        </span>{' '}
        {met !== undefined && <span className={met ? 'ok' : 'warn'}>{met ? 'meets' : 'misses'}</span>}
      </dd>
    </>
  );
}
