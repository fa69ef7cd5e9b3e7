import type { RackState } from '@rackeval/contracts';
import { SuiteSpec } from '../test-plans/test-plan.entity';
import { TestRunError, TestRunErrorCode as Code } from '../test-run.errors';

/** A rack may be scheduled once intake released it, and while its evaluation is under way. */
export const SCHEDULABLE_RACK_STATES: readonly RackState[] = ['RELEASED_FOR_EVALUATION', 'IN_EVALUATION'];

export interface ScheduleRequest {
  rackSerial: string;
  suite: string;
  bay: string;
}

/** Everything the scheduling rules look at, read in the scheduling transaction. */
export interface SchedulingFacts {
  request: ScheduleRequest;
  /** The rack as test-run knows it; `incarnation` absent means 1 (the unit as first delivered). */
  rack: { generation: string; state: RackState; holdReason?: string | null; incarnation?: number } | null;
  rackActiveRun: { id: string; state: string; suite: string; bay: string } | null;
  bay: { code: string; site: string } | null;
  bayActiveRun: { id: string; state: string; rackSerial: string } | null;
  plan: { version: number; suites: SuiteSpec[] } | null;
  /** Attempts of this suite the rack already used in its current incarnation (attempt.rules.ts attemptsUsed). */
  attemptsSoFar: number;
  /** The last attempt a re-opened evaluation of the current incarnation allows for this suite, in place of the plan's maxAttempts. */
  attemptLimit?: number | null;
}

export interface ScheduleDecision {
  generation: string;
  site: string;
  planVersion: number;
  suite: SuiteSpec;
  /** The rack's incarnation the run is for; `attempt` is numbered within it. */
  incarnation: number;
  attempt: number;
}

/** Applies the rules in a fixed order and names the first one broken. Pure: no I/O. */
export function decideSchedule(facts: SchedulingFacts): ScheduleDecision {
  const { request, rack, bay, plan } = facts;
  if (!rack) {
    throw new TestRunError(
      Code.UNKNOWN_RACK,
      `rack ${request.rackSerial} is unknown to test-run: only racks released for evaluation at intake can be scheduled`,
      [{ field: 'rackSerial', message: 'unknown rack' }],
    );
  }
  if (rack.state === 'ON_HOLD') {
    throw new TestRunError(
      Code.RACK_ON_HOLD,
      `rack ${request.rackSerial} is on hold at intake${rack.holdReason ? ` (${rack.holdReason})` : ''}; runs can be scheduled once the hold is released`,
      [{ field: 'rackSerial', message: 'rack is ON_HOLD' }],
    );
  }
  if (!SCHEDULABLE_RACK_STATES.includes(rack.state)) {
    throw new TestRunError(
      Code.RACK_NOT_RELEASED,
      `rack ${request.rackSerial} is ${rack.state}; runs can be scheduled only for racks released for evaluation (${SCHEDULABLE_RACK_STATES.join(' or ')})`,
      [{ field: 'rackSerial', message: `rack is ${rack.state}` }],
    );
  }
  if (facts.rackActiveRun) {
    const active = facts.rackActiveRun;
    throw new TestRunError(
      Code.RACK_HAS_ACTIVE_RUN,
      `rack ${request.rackSerial} is already in active run ${active.id} (${active.suite}, ${active.state} in bay ${active.bay}); a rack is in at most one active run`,
      [{ field: 'rackSerial', message: `already in active run ${active.id}` }],
    );
  }
  if (!bay) {
    throw new TestRunError(Code.UNKNOWN_BAY, `bay ${request.bay} is unknown: schedule runs only in a registered bay`, [
      { field: 'bay', message: 'unknown bay' },
    ]);
  }
  if (facts.bayActiveRun) {
    const active = facts.bayActiveRun;
    throw new TestRunError(
      Code.BAY_OCCUPIED,
      `bay ${bay.code} holds active run ${active.id} of rack ${active.rackSerial} (${active.state}); a bay holds one active run`,
      [{ field: 'bay', message: `occupied by run ${active.id}` }],
    );
  }
  if (!plan) {
    throw new TestRunError(Code.NO_TEST_PLAN, `generation ${rack.generation} has no test plan: publish one before scheduling runs`, [
      { field: 'suite', message: `no test plan for ${rack.generation}` },
    ]);
  }
  const suite = plan.suites.find((candidate) => candidate.key === request.suite);
  if (!suite) {
    throw new TestRunError(
      Code.SUITE_NOT_IN_PLAN,
      `suite ${request.suite} is not in version ${plan.version} of generation ${rack.generation}'s test plan (suites: ${plan.suites.map((s) => s.key).join(', ')})`,
      [{ field: 'suite', message: 'not in the current test plan' }],
    );
  }
  const incarnation = rack.incarnation ?? 1;
  const limit = facts.attemptLimit ?? suite.maxAttempts;
  if (facts.attemptsSoFar >= limit) {
    // Incarnation 1 is every rack never returned from an RMA: naming it there would say nothing.
    const returned = incarnation > 1 ? ` in its incarnation ${incarnation}` : '';
    const reopened = facts.attemptLimit ? ' (the limit of its re-opened evaluation)' : '';
    throw new TestRunError(
      Code.ATTEMPTS_EXHAUSTED,
      `rack ${request.rackSerial} has used ${facts.attemptsSoFar} of ${limit} attempts at suite ${suite.key}${returned}${reopened}; DEVICE aborts count toward maxAttempts, FACILITY, OPERATOR and HOLD aborts do not`,
      [{ field: 'suite', message: 'no attempts left' }],
    );
  }
  return { generation: rack.generation, site: bay.site, planVersion: plan.version, suite, incarnation, attempt: facts.attemptsSoFar + 1 };
}
