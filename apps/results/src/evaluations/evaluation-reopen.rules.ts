import type { EvaluationOutcome, ReopenedSuiteV1 } from '@rackeval/contracts';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import type { PlannedSuite, RunOutcome } from './rack-evaluation.rules';

export interface ReopenRequest {
  extraAttempts: number;
  /** The suites to decide again; by default the failed suites of a FAILED evaluation, the required suites of a PASSED one. */
  suites?: string[];
}

/**
 * Which suites a re-open decides again and with how many attempts. Each named suite counts only
 * its attempts after the re-open: from the next attempt number (one past the highest so far) up
 * to `extraAttempts` more. An admin re-open must give at least one attempt to at least one suite.
 */
export function reopenedSuites(
  plan: readonly PlannedSuite[],
  runs: readonly RunOutcome[],
  concluded: { outcome: EvaluationOutcome; failedSuites: readonly string[] },
  request: ReopenRequest,
): ReopenedSuiteV1[] {
  const keys = request.suites ?? defaultSuites(plan, concluded);
  const unknown = keys.filter((key) => !plan.some((suite) => suite.key === key));
  if (unknown.length) {
    throw new ResultsError(
      ResultsErrorCode.UNKNOWN_SUITE,
      `suite(s) ${unknown.join(', ')} are not in the rack's test plan (suites: ${plan.map((s) => s.key).join(', ')})`,
      unknown.map((key) => ({ field: `suites[${keys.indexOf(key)}]`, message: `unknown suite ${key}` })),
    );
  }
  return [...new Set(keys)].map((suite) => {
    const fromAttempt = Math.max(0, ...runs.filter((run) => run.suite === suite).map((run) => run.attempt)) + 1;
    return { suite, fromAttempt, attemptLimit: fromAttempt - 1 + request.extraAttempts };
  });
}

function defaultSuites(
  plan: readonly PlannedSuite[],
  concluded: { outcome: EvaluationOutcome; failedSuites: readonly string[] },
): string[] {
  if (concluded.outcome === 'FAILED' && concluded.failedSuites.length) return [...concluded.failedSuites];
  const required = plan.filter((suite) => suite.required).map((suite) => suite.key);
  return required.length ? required : plan.map((suite) => suite.key);
}
