import type { RackEvaluation, RunProgress, RunVerdict } from '../api';
import { DataTable } from '../shared/data-table';
import { formatDateTime } from '../shared/format';

type DiagnosisJudgement = RunVerdict['diagnosisCriteria'][number];
type SuiteDiagnosisJudgement = RackEvaluation['diagnosisCriteria'][number];
/** While a run is RUNNING: PENDING until a matching diagnosis (or the PASS it needs) arrives. */
type DiagnosisSoFar = RunProgress['diagnosisCriteria'][number];
type DiagnosisCriterion = Pick<DiagnosisJudgement, 'symptom' | 'hardwareInfoId' | 'requirePass' | 'failOnUnknown' | 'suites'>;

/** A diagnosis criterion in one line: "no FAIL diagnosis for gpu-ecc on gpu3; at least one PASS". */
export function describeDiagnosisCriterion(criterion: DiagnosisCriterion): string {
  const what = criterion.symptom ?? 'any symptom';
  const where = criterion.hardwareInfoId ? ` on ${criterion.hardwareInfoId}` : '';
  const fails = criterion.failOnUnknown ? 'FAIL or UNKNOWN' : 'FAIL';
  const parts = [`no ${fails} diagnosis for ${what}${where}`];
  if (criterion.requirePass) parts.push('at least one PASS');
  if (criterion.suites?.length) parts.push(`suites ${criterion.suites.join(', ')}`);
  return parts.join('; ');
}

/** How each diagnosis criterion came out (or stands so far), with the OCPTV diagnosis that decided it. */
export function DiagnosisJudgementTable({
  judgements,
  caption = 'Diagnosis criteria',
}: {
  judgements: Array<DiagnosisJudgement | SuiteDiagnosisJudgement | DiagnosisSoFar>;
  caption?: string;
}) {
  if (!judgements.length) return null;
  const bySuite = judgements.some((j) => 'suite' in j);
  return (
    <DataTable caption={caption} columns={[bySuite && 'Suite', 'Criterion', 'Decided by', 'Result']}>
      {judgements.map((judgement, i) => (
        <tr key={i}>
          {bySuite && <td>{'suite' in judgement ? judgement.suite : ''}</td>}
          <td>
            {describeDiagnosisCriterion(judgement)}
            {!judgement.required && <span className="muted"> (optional)</span>}
          </td>
          <td>
            {judgement.decidedBy ? (
              <>
                <span className={`badge verdict-${judgement.decidedBy.type.toLowerCase()}`}>{judgement.decidedBy.type}</span>{' '}
                {judgement.decidedBy.symptom}
                {judgement.decidedBy.hardwareInfoId && ` on ${judgement.decidedBy.hardwareInfoId}`}
                {judgement.decidedBy.message && <span className="muted"> — {judgement.decidedBy.message}</span>}
                <span className="muted"> ({formatDateTime(judgement.decidedBy.at)})</span>
              </>
            ) : (
              <span className="muted">{judgement.diagnoses ? `${judgement.diagnoses} diagnoses, none decisive` : 'no diagnosis'}</span>
            )}
          </td>
          <td>
            <span className={`badge verdict-${judgement.result.toLowerCase()}`}>{judgement.result}</span>
            {judgement.result === 'FAIL' && judgement.reason && !judgement.decidedBy && <span className="muted"> {judgement.reason}</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
