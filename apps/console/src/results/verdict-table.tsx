import type { RunVerdict } from '../api';
import { DataTable, num } from '../shared/data-table';
import { formatDateTime, formatNumber } from '../shared/format';
import { describeTarget } from './criteria-check';
import { DiagnosisJudgementTable } from './diagnosis-criteria';
import { CriterionMetricCell, CriterionResultCell, VerdictBadge } from './verdict-badge';

/** The run's verdict per criterion: measured (aggregated) against target. */
export function VerdictTable({ verdict }: { verdict: RunVerdict }) {
  return (
    <>
      <p>
        Verdict <VerdictBadge verdict={verdict.verdict} /> against criteria version {verdict.criteriaVersion}
        {verdict.revision > 1 ? ` (revised ${verdict.revision - 1}×)` : ''}
      </p>
      {verdict.reason && <p className="warn">{verdict.reason}</p>}
      <DataTable caption="Verdict per criterion" captionUnseen columns={['Metric', num('Measured'), 'Target', num('Samples'), 'Result']}>
        {verdict.criteria.map((criterion) => (
          <tr key={criterion.metric}>
            <CriterionMetricCell criterion={criterion} />
            <td className="num">
              {formatNumber(criterion.measured, 3)} {criterion.unit}
            </td>
            <td>{describeTarget(criterion)}</td>
            <td className="num">{criterion.samples}</td>
            <CriterionResultCell criterion={criterion} />
          </tr>
        ))}
      </DataTable>
      <DiagnosisJudgementTable judgements={verdict.diagnosisCriteria ?? []} />
      {(verdict.revisions ?? []).length > 0 && (
        <details>
          <summary>Earlier verdicts ({verdict.revisions.length})</summary>
          <ul className="plain">
            {verdict.revisions.map((earlier) => (
              <li key={earlier.revision}>
                Revision {earlier.revision}, {formatDateTime(earlier.judgedAt)}: <VerdictBadge verdict={earlier.verdict} />{' '}
                {earlier.criteria
                  .map((criterion) => `${criterion.metric} ${formatNumber(criterion.measured, 3)} ${criterion.unit} ${criterion.result}`)
                  .join('; ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
