import type { Verdict } from '@rackeval/contracts';
import type { DiagnosisJudgement } from '../verdicts/diagnosis-verdict.rules';
import { judgeRun, type CriterionJudgement, type CriterionRule, type RunDiagnoses } from '../verdicts/run-verdict.rules';

export type SoFar = Verdict | 'PENDING';

export interface CriterionSoFar extends Omit<CriterionJudgement, 'result'> {
  result: SoFar;
}

export interface DiagnosisCriterionSoFar extends Omit<DiagnosisJudgement, 'result'> {
  result: SoFar;
}

export interface RunSoFar {
  verdict: SoFar;
  criteria: CriterionSoFar[];
  diagnosisCriteria: DiagnosisCriterionSoFar[];
}

/**
 * The verdict a running run would get if it completed now, judged by the very rule of the final
 * verdict (`judgeRun`); a criterion with no sample yet is PENDING rather than "missing", and so is
 * the run while a required criterion waits for its first sample and none has failed. A diagnosis
 * criterion fails so far only on a diagnosis that fails it (the one that decided it); one that
 * still lacks a matching diagnosis, or the PASS it requires, is PENDING.
 */
export function verdictSoFar(
  rules: readonly CriterionRule[],
  samplesByMetric: ReadonlyMap<string, readonly number[]>,
  diagnoses: RunDiagnoses = { rules: [], found: [] },
): RunSoFar {
  const judged = judgeRun(rules, samplesByMetric, diagnoses);
  const criteria = judged.criteria.map((c): CriterionSoFar => {
    if (c.samples > 0) return c;
    const { reason: _missing, ...rest } = c;
    return { ...rest, result: 'PENDING' };
  });
  const diagnosisCriteria = (judged.diagnosisCriteria ?? []).map((c): DiagnosisCriterionSoFar => {
    // A FAIL names the diagnosis that failed it; one without is only waiting (missing, or no PASS yet).
    if (c.result === 'PASS' || c.decidedBy !== undefined) return c;
    const { reason: _waiting, ...rest } = c;
    return { ...rest, result: 'PENDING' };
  });
  const required = [...criteria, ...diagnosisCriteria].filter((c) => c.required);
  const verdict: SoFar =
    !rules.length && !diagnoses.rules.length
      ? 'PENDING'
      : required.some((c) => c.result === 'FAIL')
        ? 'FAIL'
        : required.some((c) => c.result === 'PENDING')
          ? 'PENDING'
          : judged.verdict;
  return { verdict, criteria, diagnosisCriteria };
}
