import type { Comparator, Verdict } from '@rackeval/contracts';
import { aggregate, Aggregation } from './aggregation';

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
}

/** The aggregated figure of one metric against its thresholds. */
export function judgeCriterion(rule: CriterionRule, samples: readonly number[]): CriterionJudgement {
  const measured = aggregate(rule.aggregation, samples);
  if (measured === undefined) {
    return { ...rule, samples: 0, result: 'FAIL', reason: rule.required ? 'missing' : 'missing (optional criterion)' };
  }
  const failure = thresholdFailure(rule, measured);
  return { ...rule, samples: samples.length, measured, result: failure ? 'FAIL' : 'PASS', ...(failure ? { reason: failure } : {}) };
}

/** A run passes when every required criterion passes; optional criteria are reported but do not decide. */
export function judgeRun(rules: readonly CriterionRule[], samplesByMetric: ReadonlyMap<string, readonly number[]>): RunJudgement {
  const criteria = rules.map((rule) => judgeCriterion(rule, samplesByMetric.get(rule.metric) ?? []));
  const verdict = criteria.some((c) => c.required && c.result === 'FAIL') ? 'FAIL' : 'PASS';
  return { verdict, criteria };
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
