import type { Verdict } from '@rackeval/contracts';

/** OCPTV diagnosis types (the `type` of a diagnosis artifact). */
export const DIAGNOSIS_TYPES = ['PASS', 'FAIL', 'UNKNOWN'] as const;
export type DiagnosisType = (typeof DIAGNOSIS_TYPES)[number];

/**
 * An acceptance criterion on the diagnoses a run's OCPTV streams report. It looks at the diagnoses
 * whose verdict string is `symptom` (any, when absent) and, when given, about `hardwareInfoId`:
 * none of them may be FAIL (nor UNKNOWN with `failOnUnknown`), and with `requirePass` at least one
 * must be PASS. It applies to the runs of `suites` (every suite of the generation when absent).
 */
export interface DiagnosisCriterionRule {
  /** The OCPTV diagnosis `verdict` string, e.g. `mlc-intranode-bandwidth`; absent = any symptom. */
  symptom?: string;
  /** The OCPTV `hardwareInfoId` the diagnosis must be about; absent = any hardware. */
  hardwareInfoId?: string;
  requirePass: boolean;
  failOnUnknown: boolean;
  /** Suite keys the criterion applies to; absent = every suite. */
  suites?: string[];
  required: boolean;
  category: string;
}

/** A diagnosis a run's OCPTV stream reported (stored as a DIAGNOSIS artifact). */
export interface DiagnosisEvidence {
  /** The artifact's id (GET /v1/runs/{runId}/artifacts). */
  artifactId: number;
  type: DiagnosisType;
  /** The OCPTV diagnosis verdict string (the symptom). */
  symptom: string;
  message?: string;
  hardwareInfoId?: string;
  component?: string;
  stepId?: string;
  at: string;
}

export interface DiagnosisJudgement extends DiagnosisCriterionRule {
  /** How many of the run's diagnoses the criterion looked at. */
  diagnoses: number;
  result: Verdict;
  reason?: string;
  /** The diagnosis that decided the result: the first FAIL (or UNKNOWN), else the first PASS; absent when none did. */
  decidedBy?: DiagnosisEvidence;
}

/** Whether a criterion applies to a run of `suite`. */
export function appliesToSuite(rule: DiagnosisCriterionRule, suite: string): boolean {
  return !rule.suites?.length || rule.suites.includes(suite);
}

/** What a criterion's symptom and hardware select, in one line for reasons. */
export function describeDiagnosisCriterion(rule: Pick<DiagnosisCriterionRule, 'symptom' | 'hardwareInfoId'>): string {
  const what = rule.symptom === undefined ? 'any symptom' : `symptom ${rule.symptom}`;
  return rule.hardwareInfoId === undefined ? what : `${what} on hardware ${rule.hardwareInfoId}`;
}

function describeDiagnosis(d: DiagnosisEvidence): string {
  const where = d.hardwareInfoId ? ` on ${d.hardwareInfoId}` : '';
  const message = d.message ? `: ${d.message}` : '';
  return `diagnosis ${d.type} ${d.symptom}${where} (artifact ${d.artifactId})${message}`;
}

/**
 * Judges one diagnosis criterion against a run's diagnoses (in the order they were reported).
 * Like a metric without samples, a criterion no diagnosis matched fails as `missing` — a required
 * one decides the run, an optional one is only reported.
 */
export function judgeDiagnosisCriterion(rule: DiagnosisCriterionRule, diagnoses: readonly DiagnosisEvidence[]): DiagnosisJudgement {
  const matching = diagnoses.filter(
    (d) =>
      (rule.symptom === undefined || d.symptom === rule.symptom) &&
      (rule.hardwareInfoId === undefined || d.hardwareInfoId === rule.hardwareInfoId),
  );
  const judged = { ...rule, diagnoses: matching.length };
  if (!matching.length) return { ...judged, result: 'FAIL', reason: rule.required ? 'missing' : 'missing (optional criterion)' };
  const failing = matching.find((d) => d.type === 'FAIL' || (rule.failOnUnknown && d.type === 'UNKNOWN'));
  if (failing)
    return {
      ...judged,
      result: 'FAIL',
      reason: `${describeDiagnosis(failing)} fails ${describeDiagnosisCriterion(rule)}`,
      decidedBy: failing,
    };
  const passing = matching.find((d) => d.type === 'PASS');
  if (rule.requirePass && !passing) {
    return { ...judged, result: 'FAIL', reason: `no PASS diagnosis for ${describeDiagnosisCriterion(rule)} (${matching.length} UNKNOWN)` };
  }
  return { ...judged, result: 'PASS', ...(passing ? { decidedBy: passing } : {}) };
}
