import type { Verdict } from '@rackeval/contracts';
import { judgeRun, type CriterionJudgement, type CriterionRule } from '../verdicts/judge';

export type SoFar = Verdict | 'PENDING';

export interface CriterionSoFar extends Omit<CriterionJudgement, 'result'> {
  result: SoFar;
}

export interface RunSoFar {
  verdict: SoFar;
  criteria: CriterionSoFar[];
}

/**
 * The verdict a running run would get if it completed now, judged by the very rule of the final
 * verdict (`judgeRun`); a criterion with no sample yet is PENDING rather than "missing", and so is
 * the run while a required criterion waits for its first sample and none has failed.
 */
export function verdictSoFar(rules: readonly CriterionRule[], samplesByMetric: ReadonlyMap<string, readonly number[]>): RunSoFar {
  const judged = judgeRun(rules, samplesByMetric);
  const criteria = judged.criteria.map((c): CriterionSoFar => {
    if (c.samples > 0) return c;
    const { reason: _missing, ...rest } = c;
    return { ...rest, result: 'PENDING' };
  });
  const required = criteria.filter((c) => c.required);
  const verdict: SoFar = !rules.length
    ? 'PENDING'
    : required.some((c) => c.result === 'FAIL')
      ? 'FAIL'
      : required.some((c) => c.result === 'PENDING')
        ? 'PENDING'
        : judged.verdict;
  return { verdict, criteria };
}
