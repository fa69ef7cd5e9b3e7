import type { ErrorDetail } from '@rackeval/platform';
import { DEFAULT_AGGREGATION } from '../verdicts/aggregation.rules';
import type { DiagnosisCriterionRule } from '../verdicts/diagnosis-verdict.rules';
import { describeDiagnosisCriterion } from '../verdicts/diagnosis-verdict.rules';
import type { CriterionRule } from '../verdicts/run-verdict.rules';
import type { CriterionDto } from './dto/criteria.dto';
import type { DiagnosisCriterionDto } from './dto/diagnosis-criterion.dto';

/** Thresholds must fit the comparator: gte takes min, lte takes max, between takes min ≤ max; one criterion per metric. */
export function thresholdProblems(criteria: readonly CriterionDto[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  criteria.forEach((c, i) => {
    const at = `criteria[${i}]`;
    const hasMin = c.min !== undefined && c.min !== null;
    const hasMax = c.max !== undefined && c.max !== null;
    if (c.comparator === 'gte') {
      if (!hasMin) problems.push({ field: `${at}.min`, message: 'gte needs min' });
      if (hasMax) problems.push({ field: `${at}.max`, message: 'gte takes only min; use between for a range' });
    } else if (c.comparator === 'lte') {
      if (!hasMax) problems.push({ field: `${at}.max`, message: 'lte needs max' });
      if (hasMin) problems.push({ field: `${at}.min`, message: 'lte takes only max; use between for a range' });
    } else {
      if (!hasMin) problems.push({ field: `${at}.min`, message: 'between needs min' });
      if (!hasMax) problems.push({ field: `${at}.max`, message: 'between needs max' });
      if (hasMin && hasMax && c.min! > c.max!)
        problems.push({ field: `${at}.min`, message: `between needs min ≤ max (min ${c.min}, max ${c.max})` });
    }
    const earlier = seen.get(c.metric);
    if (earlier !== undefined)
      problems.push({ field: `${at}.metric`, message: `${c.metric} already has a criterion at criteria[${earlier}]` });
    else seen.set(c.metric, i);
  });
  return problems;
}

export function toRule(c: CriterionDto): CriterionRule {
  return {
    metric: c.metric,
    unit: c.unit,
    comparator: c.comparator,
    ...(c.min !== undefined ? { min: c.min } : {}),
    ...(c.max !== undefined ? { max: c.max } : {}),
    required: c.required,
    category: c.category,
    aggregation: c.aggregation ?? DEFAULT_AGGREGATION[c.comparator],
  };
}

/** Two diagnosis criteria may not look at the same symptom and hardware for the same suites: one would shadow the other. */
export function diagnosisCriterionProblems(criteria: readonly DiagnosisCriterionDto[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  criteria.forEach((c, i) => {
    const suites = [...new Set(c.suites ?? [])].sort();
    if (c.suites && suites.length !== c.suites.length)
      problems.push({ field: `diagnosisCriteria[${i}].suites`, message: 'names a suite twice' });
    const key = JSON.stringify([c.symptom ?? null, c.hardwareInfoId ?? null, suites]);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        field: `diagnosisCriteria[${i}].symptom`,
        message: `${describeDiagnosisCriterion(c)} already has a criterion at diagnosisCriteria[${earlier}]`,
      });
    } else seen.set(key, i);
  });
  return problems;
}

export function toDiagnosisRule(c: DiagnosisCriterionDto): DiagnosisCriterionRule {
  return {
    ...(c.symptom !== undefined ? { symptom: c.symptom } : {}),
    ...(c.hardwareInfoId !== undefined ? { hardwareInfoId: c.hardwareInfoId } : {}),
    requirePass: c.requirePass ?? false,
    failOnUnknown: c.failOnUnknown ?? false,
    ...(c.suites?.length ? { suites: [...c.suites] } : {}),
    required: c.required,
    category: c.category,
  };
}
