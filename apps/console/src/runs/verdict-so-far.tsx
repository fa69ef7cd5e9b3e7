import type { Criterion, RunProgress } from '../api';
import type { LiveRunStatus } from '../live/live-run-state';
import { describeTarget } from '../results/criteria-check';
import { formatNumber } from '../shared/format';
import { DiagnosisJudgementTable } from '../results/diagnosis-criteria';
import { CriterionMetricCell, CriterionResultCell, VerdictBadge } from '../results/verdict-badge';
import { DataTable, num } from '../shared/data-table';

const STATUS: Record<LiveRunStatus, string> = {
  off: 'not following',
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  ended: 'run ended',
};

/**
 * What a running run would get if it completed now, per criterion, judged by the rule of the final
 * verdict on the samples and OCPTV diagnoses so far; PENDING until a metric has its first sample
 * (or a diagnosis criterion its matching diagnosis).
 */
export function VerdictSoFar({ progress, status }: { progress: RunProgress; status: LiveRunStatus }) {
  return (
    <>
      <p>
        Verdict so far <VerdictBadge verdict={progress.verdict} />
        {progress.criteriaVersion !== null ? ` against criteria version ${progress.criteriaVersion}` : ''}{' '}
        <span className="muted">({STATUS[status]})</span>
      </p>
      <DataTable
        caption="Verdict so far per criterion"
        captionUnseen
        columns={['Metric', num('Judged figure'), 'Target', num('Samples'), 'So far']}
      >
        {progress.criteria.map((criterion) => (
          <tr key={criterion.metric}>
            <CriterionMetricCell criterion={criterion} />
            <td className="num">
              {criterion.measured === undefined ? '—' : `${criterion.aggregation} ${formatNumber(criterion.measured, 3)} ${criterion.unit}`}
            </td>
            <td>{describeTarget(criterion as Criterion)}</td>
            <td className="num">{criterion.samples}</td>
            <CriterionResultCell criterion={criterion} />
          </tr>
        ))}
      </DataTable>
      <DiagnosisJudgementTable judgements={progress.diagnosisCriteria} caption="Diagnosis criteria so far" />
    </>
  );
}
