import type { EvaluationOutcome, Verdict } from '@rackeval/contracts';

export interface PlannedSuite {
  key: string;
  required: boolean;
  maxAttempts: number;
}

export interface RunOutcome {
  runId: string;
  suite: string;
  attempt: number;
  state: 'SCHEDULED' | 'RUNNING' | 'COMPLETED' | 'ABORTED';
  verdict?: Verdict;
  /** The verdict's revision: above 1 when late samples or a correction re-judged the run. */
  verdictRevision?: number;
  /** False for an abort that left its attempt (FACILITY, OPERATOR, HOLD); such a run is no failed attempt. */
  attemptConsumed?: boolean;
}

export type SuiteStatus = 'PASSED' | 'FAILED' | 'IN_PROGRESS' | 'NOT_STARTED';

export interface SuiteProgress {
  suite: string;
  required: boolean;
  status: SuiteStatus;
  failedAttempts: number;
  maxAttempts: number;
  /** The passing run, or the latest failed one: the run whose figures represent the suite. */
  decidingRunId?: string;
  /** The deciding run's verdict revision (above 1: re-judged; GET /v1/runs/{runId}/verdict keeps the earlier ones). */
  decidingVerdictRevision?: number;
}

/** How a re-opened evaluation re-decides a suite: only attempts from `fromAttempt` count, up to `attemptLimit`. */
export interface SuiteAllowance {
  fromAttempt: number;
  attemptLimit: number;
}

export interface RackAssessment {
  outcome: EvaluationOutcome | 'PENDING';
  failedSuites: string[];
  suites: SuiteProgress[];
}

/**
 * A suite passes with one passing run; it fails once its failed attempts (FAIL verdicts and
 * aborts that used an attempt — DEVICE only, test-run decides) reach maxAttempts without a pass. The rack passes when every required suite passed and
 * fails as soon as one required suite failed. A plan with no required suite (all optional) passes
 * once every suite is decided — passed, or out of attempts — instead of waiting forever.
 * A suite re-opened (`allowances`) is decided again by its attempts from `fromAttempt` only,
 * failing when those reach `attemptLimit` without a pass.
 */
export function assessRack(
  plan: readonly PlannedSuite[],
  runs: readonly RunOutcome[],
  allowances: ReadonlyMap<string, SuiteAllowance> = new Map(),
): RackAssessment {
  const suites = plan.map((suite) =>
    progressOf(
      suite,
      runs.filter((run) => run.suite === suite.key),
      allowances.get(suite.key),
    ),
  );
  const required = suites.filter((s) => s.required);
  const failedSuites = required.filter((s) => s.status === 'FAILED').map((s) => s.suite);
  if (failedSuites.length) return { outcome: 'FAILED', failedSuites, suites };
  if (!required.length) {
    const decided = suites.length > 0 && suites.every((s) => s.status === 'PASSED' || s.status === 'FAILED');
    return { outcome: decided ? 'PASSED' : 'PENDING', failedSuites: [], suites };
  }
  const judged = suites.some((s) => s.status === 'PASSED');
  const outcome = judged && required.every((s) => s.status === 'PASSED') ? 'PASSED' : 'PENDING';
  return { outcome, failedSuites: [], suites };
}

function progressOf(suite: PlannedSuite, allRuns: readonly RunOutcome[], allowance?: SuiteAllowance): SuiteProgress {
  const progress = decideSuite(suite, allRuns, allowance);
  const deciding = allRuns.find((run) => run.runId === progress.decidingRunId);
  return deciding?.verdictRevision ? { ...progress, decidingVerdictRevision: deciding.verdictRevision } : progress;
}

function decideSuite(suite: PlannedSuite, allRuns: readonly RunOutcome[], allowance?: SuiteAllowance): SuiteProgress {
  const runs = allowance ? allRuns.filter((run) => run.attempt >= allowance.fromAttempt) : allRuns;
  const maxAttempts = allowance ? allowance.attemptLimit - allowance.fromAttempt + 1 : suite.maxAttempts;
  const base = { suite: suite.key, required: suite.required, maxAttempts: allowance?.attemptLimit ?? suite.maxAttempts };
  const passing = runs.find((run) => run.state === 'COMPLETED' && run.verdict === 'PASS');
  const failed = runs
    .filter((run) => (run.state === 'ABORTED' && run.attemptConsumed !== false) || (run.state === 'COMPLETED' && run.verdict === 'FAIL'))
    .sort((a, b) => a.attempt - b.attempt);
  const latestFailed = failed[failed.length - 1]?.runId;
  if (passing) return { ...base, status: 'PASSED', failedAttempts: failed.length, decidingRunId: passing.runId };
  if (failed.length >= maxAttempts) return { ...base, status: 'FAILED', failedAttempts: failed.length, decidingRunId: latestFailed };
  const status = runs.length ? 'IN_PROGRESS' : 'NOT_STARTED';
  return { ...base, status, failedAttempts: failed.length, ...(latestFailed ? { decidingRunId: latestFailed } : {}) };
}
