import { type AbortCause, abortConsumesAttempt } from '@rackeval/contracts';

/** A run of the rack at one suite, as far as counting attempts goes. */
export interface SuiteRun {
  incarnation: number;
  abortCause: AbortCause | null;
}

/** A re-opened evaluation's attempt limit for one suite, granted for one incarnation of the rack. */
export interface AttemptAllowance {
  incarnation: number;
  attemptLimit: number;
}

/**
 * Attempts of a suite the rack used in `incarnation`: its runs of that incarnation except those
 * aborted for a cause other than DEVICE. A rack returned from an RMA is a new incarnation, so the
 * runs of the unit before it never count against it. Pure: no I/O.
 */
export function attemptsUsed(runs: readonly SuiteRun[], incarnation: number): number {
  return runs.filter((run) => run.incarnation === incarnation && (run.abortCause === null || abortConsumesAttempt(run.abortCause))).length;
}

/** The attempt limit a re-opened evaluation set for `incarnation`, in place of maxAttempts; null when none was re-opened in it. */
export function attemptLimitIn(allowances: readonly AttemptAllowance[], incarnation: number): number | null {
  return allowances.find((allowance) => allowance.incarnation === incarnation)?.attemptLimit ?? null;
}
