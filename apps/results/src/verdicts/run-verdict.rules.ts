import type { Comparator, Verdict } from '@rackeval/contracts';
import { aggregate, Aggregation } from './aggregation.rules';
import { DiagnosisCriterionRule, DiagnosisEvidence, DiagnosisJudgement, judgeDiagnosisCriterion } from './diagnosis-verdict.rules';

export interface CriterionRule {
  metric: string;
  unit: string;
  comparator: Comparator;
  min?: number;
  max?: number;
  required: boolean;
  category: string;
  aggregation: Aggregation;
}

export interface CriterionJudgement extends CriterionRule {
  samples: number;
  measured?: number;
  result: Verdict;
  reason?: string;
}

export interface RunJudgement {
  verdict: Verdict;
  criteria: CriterionJudgement[];
  /** The diagnosis criteria, when the run was judged with its OCPTV diagnoses. */
  diagnosisCriteria?: DiagnosisJudgement[];
  /** Why the run failed as a whole when no criterion says it (rule NO_MATCHING_CRITERIA). */
  reason?: string;
}

/** The diagnosis criteria that apply to a run and the diagnoses its OCPTV streams reported. */
export interface RunDiagnoses {
  rules: readonly DiagnosisCriterionRule[];
  found: readonly DiagnosisEvidence[];
}

/** Rule NO_MATCHING_CRITERIA: a run is judged on something; with no criterion for any metric its suite reports, it fails. */
export const NO_MATCHING_CRITERIA =
  'NO_MATCHING_CRITERIA: no acceptance criterion of this criteria version covers a metric the suite reports; a run cannot pass on nothing';

/** The aggregated figure of one metric against its thresholds. */
export function judgeCriterion(rule: CriterionRule, samples: readonly number[]): CriterionJudgement {
  const measured = aggregate(rule.aggregation, samples);
  if (measured === undefined) {
    return { ...rule, samples: 0, result: 'FAIL', reason: rule.required ? 'missing' : 'missing (optional criterion)' };
  }
  const failure = thresholdFailure(rule, measured);
  return { ...rule, samples: samples.length, measured, result: failure ? 'FAIL' : 'PASS', ...(failure ? { reason: failure } : {}) };
}

/**
 * A run passes when every required criterion passes — metric criteria on its samples, diagnosis
 * criteria (when given) on its OCPTV diagnoses; optional criteria are reported but do not decide.
 * A run with no criterion at all fails (NO_MATCHING_CRITERIA).
 */
export function judgeRun(
  rules: readonly CriterionRule[],
  samplesByMetric: ReadonlyMap<string, readonly number[]>,
  diagnoses?: RunDiagnoses,
): RunJudgement {
  const diagnosisRules = diagnoses?.rules ?? [];
  const withDiagnoses = diagnoses === undefined ? {} : { diagnosisCriteria: [] as DiagnosisJudgement[] };
  if (!rules.length && !diagnosisRules.length) return { verdict: 'FAIL', criteria: [], ...withDiagnoses, reason: NO_MATCHING_CRITERIA };
  const criteria = rules.map((rule) => judgeCriterion(rule, samplesByMetric.get(rule.metric) ?? []));
  const diagnosisCriteria = diagnosisRules.map((rule) => judgeDiagnosisCriterion(rule, diagnoses!.found));
  const failed = [...criteria, ...diagnosisCriteria].some((c) => c.required && c.result === 'FAIL');
  return { verdict: failed ? 'FAIL' : 'PASS', criteria, ...(diagnoses === undefined ? {} : { diagnosisCriteria }) };
}

function thresholdFailure(rule: CriterionRule, measured: number): string | undefined {
  const figure = `${rule.aggregation} ${measured} ${rule.unit}`;
  switch (rule.comparator) {
    case 'gte':
      return measured >= rule.min! ? undefined : `${figure} is below min ${rule.min} ${rule.unit}`;
    case 'lte':
      return measured <= rule.max! ? undefined : `${figure} is above max ${rule.max} ${rule.unit}`;
    case 'between':
      if (measured < rule.min!) return `${figure} is below min ${rule.min} ${rule.unit}`;
      return measured <= rule.max! ? undefined : `${figure} is above max ${rule.max} ${rule.unit}`;
    default: {
      const unreachable: never = rule.comparator;
      throw new Error(`unknown comparator ${String(unreachable)}`);
    }
  }
}
