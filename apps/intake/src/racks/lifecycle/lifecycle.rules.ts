import { RackState } from '@rackeval/contracts';
import { RackAction, RackStateMachine } from '../rack.state-machine';

/** Facts other services report about a rack, in the terms of intake's lifecycle. */
export type LifecycleFact =
  | 'run-started'
  | 'evaluation-passed'
  | 'evaluation-failed'
  | 'evaluation-reopened'
  | 'evaluation-passed-again'
  | 'evaluation-failed-again'
  | 'option-exercised'
  | 'option-ended'
  | 'option-declined-pending';

export type LifecyclePlan =
  | { kind: 'apply'; steps: Array<{ action: RackAction; note?: string }> }
  | { kind: 'ignore'; why: string }
  | { kind: 'defer'; why: string }
  | { kind: 'unprocessable'; why: string };

const NOT_RELEASED: readonly RackState[] = ['RECEIVED', 'QUARANTINED', 'REJECTED_AT_INTAKE'];
const PRE_VERDICT: readonly RackState[] = ['RELEASED_FOR_EVALUATION', 'IN_EVALUATION'];
/** Racks on their way back (or gone) without an evaluation: a declined or lapsed option changes nothing. */
const GOING_BACK_UNEVALUATED: readonly RackState[] = ['REJECTED_AT_INTAKE', 'RETURNED'];

/**
 * What a fact does to a rack in a given state. Facts come from three topics and may arrive in any
 * order, so each answer is deterministic and idempotent: a fact the rack has already moved past is
 * ignored; a verdict that overtook its run-started applies both steps; an option decision that
 * overtook the verdict waits for it; a fact that contradicts the rack's history can never apply.
 */
export function planFor(fact: LifecycleFact, state: RackState): LifecyclePlan {
  // A held rack is planned against the state it was held from (LifecycleEventsService does that).
  if (state === 'ON_HOLD') return { kind: 'unprocessable', why: 'a held rack is planned against the state it was held from' };
  switch (fact) {
    case 'run-started':
      if (RackStateMachine.canApply(state, 'start-evaluation')) return { kind: 'apply', steps: [{ action: 'start-evaluation' }] };
      if (NOT_RELEASED.includes(state))
        return { kind: 'unprocessable', why: `a run cannot start for a rack that is ${state} (never released)` };
      return { kind: 'ignore', why: `rack is already ${state}` };
    // results decides the verdict (results: evaluations/evaluations.service.ts publishes RackEvaluationCompleted).
    case 'evaluation-passed':
    case 'evaluation-failed':
      return planVerdict(fact === 'evaluation-passed' ? 'pass-evaluation' : 'fail-evaluation', state);
    case 'evaluation-passed-again':
    case 'evaluation-failed-again': {
      // A verdict after a re-open. Where intake could not re-open (the rack was bought or went back
      // meanwhile) it is history: ignored, never a dead letter.
      const plan = planVerdict(fact === 'evaluation-passed-again' ? 'pass-evaluation' : 'fail-evaluation', state);
      return plan.kind === 'unprocessable' && !NOT_RELEASED.includes(state)
        ? { kind: 'ignore', why: `${plan.why} (a later revision; the rack was not re-opened here)` }
        : plan;
    }
    case 'evaluation-reopened':
      if (RackStateMachine.canApply(state, 'reopen-evaluation')) return { kind: 'apply', steps: [{ action: 'reopen-evaluation' }] };
      // results refuses a re-open once the option ended; one that crossed the option's end is history here.
      return {
        kind: 'ignore',
        why: `rack is ${state}; a re-opened evaluation changes nothing once the rack is past its verdict's consequences`,
      };
    case 'option-exercised':
      if (RackStateMachine.canApply(state, 'exercise-option')) return { kind: 'apply', steps: [{ action: 'exercise-option' }] };
      if (PRE_VERDICT.includes(state))
        return { kind: 'defer', why: `option exercised before the evaluation verdict reached intake (rack ${state})` };
      if (state === 'PURCHASED') return { kind: 'ignore', why: 'rack is already PURCHASED' };
      // The option ends exactly once, so an exercise reaching a rack on its way back means intake's
      // withdrawal crossed it; purchase-option applied the exercise first and kept it (a bought
      // rack is not withdrawn), and intake follows: the rack is PURCHASED, its history says why.
      if (state === 'AWAITING_RETURN') {
        return {
          kind: 'apply',
          steps: [
            { action: 'exercise-after-withdrawal', note: 'the exercise reached the option before the withdrawal did; the exercise stands' },
          ],
        };
      }
      // Already handed back: nothing to move; a business conflict for finance, never a dead letter.
      if (state === 'RETURNED' || state === 'RETURNED_FOR_RMA')
        return { kind: 'ignore', why: `rack was withdrawn and already ${state} when the exercise that crossed its withdrawal arrived` };
      return { kind: 'unprocessable', why: `an option cannot be exercised for a rack that is ${state}` };
    case 'option-ended':
      if (RackStateMachine.canApply(state, 'end-option')) return { kind: 'apply', steps: [{ action: 'end-option' }] };
      // purchase-option ends the option of a rejected rack (decline or lapse) without any verdict: nothing to wait for.
      if (GOING_BACK_UNEVALUATED.includes(state))
        return { kind: 'ignore', why: `rack is already ${state}; the option's end changes nothing` };
      if (PRE_VERDICT.includes(state) || state === 'RECEIVED' || state === 'QUARANTINED') {
        return { kind: 'defer', why: `option ended before the evaluation verdict reached intake (rack ${state})` };
      }
      if (state === 'PURCHASED') return { kind: 'unprocessable', why: 'the option of a PURCHASED rack cannot end otherwise' };
      return { kind: 'ignore', why: `rack is already ${state} and goes back anyway` };
    case 'option-declined-pending':
      // Finance declined before any verdict (purchase-option says it ended from PENDING_EVALUATION):
      // nothing to wait for, the rack goes back; a verdict arriving later is ignored (past its verdict).
      if (RackStateMachine.canApply(state, 'decline-before-verdict'))
        return { kind: 'apply', steps: [{ action: 'decline-before-verdict' }] };
      if (RackStateMachine.canApply(state, 'end-option')) return { kind: 'apply', steps: [{ action: 'end-option' }] };
      if (state === 'PURCHASED') return { kind: 'unprocessable', why: 'the option of a PURCHASED rack cannot end otherwise' };
      return { kind: 'ignore', why: `rack is already ${state}; the option's end changes nothing` };
    default: {
      const unreachable: never = fact;
      throw new Error(`unknown lifecycle fact ${String(unreachable)}`);
    }
  }
}

/**
 * Runs and verdicts name the incarnation of the serial they are about (absent: 1). One about an
 * earlier incarnation than the rack's reached intake after the unit came back from an RMA: it is
 * history, ignored (never applied to the unit that came back, never dead-lettered). Option facts
 * name none and are planned as they are. Intake starts every incarnation, so none is newer than the rack's.
 */
export function earlierIncarnation(factIncarnation: number | undefined, rackIncarnation: number): LifecyclePlan | undefined {
  if (factIncarnation === undefined || factIncarnation >= rackIncarnation) return undefined;
  return {
    kind: 'ignore',
    why: `the fact is about incarnation ${factIncarnation}; the rack is in incarnation ${rackIncarnation} since it came back from an RMA`,
  };
}

function planVerdict(action: 'pass-evaluation' | 'fail-evaluation', state: RackState): LifecyclePlan {
  const reached = action === 'pass-evaluation' ? 'EVALUATION_PASSED' : 'EVALUATION_FAILED';
  const opposite = action === 'pass-evaluation' ? 'EVALUATION_FAILED' : 'EVALUATION_PASSED';
  if (state === 'RELEASED_FOR_EVALUATION') {
    return {
      kind: 'apply',
      steps: [{ action: 'start-evaluation', note: 'evaluation verdict arrived before the run-started event' }, { action }],
    };
  }
  if (RackStateMachine.canApply(state, action)) return { kind: 'apply', steps: [{ action }] };
  if (NOT_RELEASED.includes(state)) return { kind: 'unprocessable', why: `a rack that is ${state} was never evaluated` };
  if (state === opposite) return { kind: 'unprocessable', why: `rack is already ${state}; a second, contradicting verdict cannot apply` };
  return { kind: 'ignore', why: `rack is already ${state === reached ? reached : `${state}, past its verdict`}` };
}
