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
}

export interface RackAssessment {
  outcome: EvaluationOutcome | 'PENDING';
  failedSuites: string[];
  suites: SuiteProgress[];
}

/**
 * A suite passes with one passing run; it fails once its failed attempts (FAIL verdicts and
 * aborts) reach maxAttempts without a pass. The rack passes when every required suite passed and
 * fails as soon as one required suite failed.
 */
export function assessRack(plan: readonly PlannedSuite[], runs: readonly RunOutcome[]): RackAssessment {
  const suites = plan.map((suite) => progressOf(suite, runs.filter((run) => run.suite === suite.key)));
  const required = suites.filter((s) => s.required);
  const failedSuites = required.filter((s) => s.status === 'FAILED').map((s) => s.suite);
  if (failedSuites.length) return { outcome: 'FAILED', failedSuites, suites };
  const judged = suites.some((s) => s.status === 'PASSED');
  const outcome = judged && required.every((s) => s.status === 'PASSED') ? 'PASSED' : 'PENDING';
  return { outcome, failedSuites: [], suites };
}

function progressOf(suite: PlannedSuite, runs: readonly RunOutcome[]): SuiteProgress {
  const base = { suite: suite.key, required: suite.required, maxAttempts: suite.maxAttempts };
  const passing = runs.find((run) => run.state === 'COMPLETED' && run.verdict === 'PASS');
  const failed = runs
    .filter((run) => run.state === 'ABORTED' || (run.state === 'COMPLETED' && run.verdict === 'FAIL'))
    .sort((a, b) => a.attempt - b.attempt);
  const latestFailed = failed[failed.length - 1]?.runId;
  if (passing) return { ...base, status: 'PASSED', failedAttempts: failed.length, decidingRunId: passing.runId };
  if (failed.length >= suite.maxAttempts) return { ...base, status: 'FAILED', failedAttempts: failed.length, decidingRunId: latestFailed };
  const status = runs.length ? 'IN_PROGRESS' : 'NOT_STARTED';
  return { ...base, status, failedAttempts: failed.length, ...(latestFailed ? { decidingRunId: latestFailed } : {}) };
}
