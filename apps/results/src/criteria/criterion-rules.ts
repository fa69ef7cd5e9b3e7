import type { ErrorDetail } from '@rackeval/platform';
import { DEFAULT_AGGREGATION } from '../verdicts/aggregation';
import type { CriterionRule } from '../verdicts/judge';
import type { CriterionDto } from './dto/criteria.dto';

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
      if (hasMin && hasMax && c.min! > c.max!) problems.push({ field: `${at}.min`, message: `between needs min ≤ max (min ${c.min}, max ${c.max})` });
    }
    const earlier = seen.get(c.metric);
    if (earlier !== undefined) problems.push({ field: `${at}.metric`, message: `${c.metric} already has a criterion at criteria[${earlier}]` });
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
