import { HOLDABLE_RACK_STATES, RackState } from '@rackeval/contracts';
import { defineStateMachine, type TransitionRule } from '@rackeval/platform';
import { IntakeError, IntakeErrorCode } from '../intake.errors';

/** Everything that can move a rack, whether a person (HTTP) or another service's event caused it. */
export type RackAction =
  | 'inspect-accept'
  | 'inspect-quarantine'
  | 'inspect-reject'
  | 'start-evaluation'
  | 'pass-evaluation'
  | 'fail-evaluation'
  | 'reopen-evaluation'
  | 'exercise-option'
  | 'exercise-after-withdrawal'
  | 'end-option'
  | 'decline-before-verdict'
  | 'hold'
  | 'release-hold'
  | 'withdraw'
  | 'ship-for-rma'
  | 'return-from-rma'
  | 'replace-under-rma'
  | 'return';

/** Which rack is moved, and for a release the state it was held from. */
interface RackContext {
  serial: string;
  heldFrom?: RackState | null;
}

interface Rule extends TransitionRule<RackState, RackContext> {
  /** Completes "<action> is allowed only …" in the refusal message. */
  allowed: string;
}

/** A released hold leads back to the state the rack was held from. */
function heldFrom({ serial, heldFrom }: RackContext): RackState {
  if (!heldFrom || heldFrom === 'ON_HOLD') throw new Error(`rack ${serial} is ON_HOLD without the state it was held from`);
  return heldFrom;
}

const INSPECTABLE = ['RECEIVED', 'QUARANTINED'] as const;
const EVALUATED = ['EVALUATION_PASSED', 'EVALUATION_FAILED'] as const;
/** Before any verdict: where finance's decline of a PENDING_EVALUATION option finds a rack. */
const PRE_VERDICT = ['RECEIVED', 'QUARANTINED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION'] as const;
/**
 * A rack damaged in evaluation: released or under evaluation, held, or with a verdict but no
 * purchase. (Intake also refuses it while an exercise awaits approval; see RackHoldsService.)
 */
const WITHDRAWABLE = ['RELEASED_FOR_EVALUATION', 'IN_EVALUATION', 'ON_HOLD', ...EVALUATED] as const;

/** The DESIGN.md lifecycle as a table: action → states it may start from → where it leads. */
export const RACK_TRANSITIONS: Readonly<Record<RackAction, Rule>> = {
  'inspect-accept': { from: INSPECTABLE, to: 'RELEASED_FOR_EVALUATION', allowed: 'for a received or quarantined rack' },
  'inspect-quarantine': { from: INSPECTABLE, to: 'QUARANTINED', allowed: 'for a received or quarantined rack' },
  'inspect-reject': { from: INSPECTABLE, to: 'REJECTED_AT_INTAKE', allowed: 'for a received or quarantined rack' },
  'start-evaluation': { from: ['RELEASED_FOR_EVALUATION'], to: 'IN_EVALUATION', allowed: 'for a rack released for evaluation' },
  'pass-evaluation': { from: ['IN_EVALUATION'], to: 'EVALUATION_PASSED', allowed: 'for a rack in evaluation' },
  'fail-evaluation': { from: ['IN_EVALUATION'], to: 'EVALUATION_FAILED', allowed: 'for a rack in evaluation' },
  // results re-opened a concluded evaluation (its option had not ended): the rack is evaluated again.
  'reopen-evaluation': { from: EVALUATED, to: 'IN_EVALUATION', allowed: 'after an evaluation verdict' },
  'exercise-option': { from: EVALUATED, to: 'PURCHASED', allowed: 'after an evaluation verdict' },
  // Finance exercised the option before intake's withdrawal reached purchase-option: the exercise
  // stands (a bought rack is not withdrawn; purchase-option: options/option.state-machine.ts `withdrawalOutcome`).
  'exercise-after-withdrawal': {
    from: ['AWAITING_RETURN'],
    to: 'PURCHASED',
    allowed: 'for a rack withdrawn while its option was being exercised',
  },
  'end-option': { from: EVALUATED, to: 'AWAITING_RETURN', allowed: 'after an evaluation verdict' },
  'decline-before-verdict': { from: PRE_VERDICT, to: 'AWAITING_RETURN', allowed: 'before an evaluation verdict' },
  hold: { from: HOLDABLE_RACK_STATES, to: 'ON_HOLD', allowed: `before the evaluation verdict (${HOLDABLE_RACK_STATES.join(', ')})` },
  'release-hold': { from: ['ON_HOLD'], to: heldFrom, allowed: 'for a rack ON_HOLD' },
  withdraw: {
    from: WITHDRAWABLE,
    to: 'AWAITING_RETURN',
    allowed: `for a rack released, in evaluation, held or evaluated (${WITHDRAWABLE.join(', ')})`,
  },
  // Its RMA was shipped (apps/intake/src/rmas/rmas.service.ts): the unit is with the manufacturer.
  'ship-for-rma': { from: ['AWAITING_RETURN'], to: 'RETURNED_FOR_RMA', allowed: 'for a rack AWAITING_RETURN' },
  // The unit came back from its RMA under the same serial (repaired or replaced in kind): its next
  // incarnation is received and evaluated afresh (apps/intake/src/rmas/rma-returns.service.ts).
  'return-from-rma': { from: ['RETURNED_FOR_RMA'], to: 'RECEIVED', allowed: 'for a rack RETURNED_FOR_RMA' },
  // The manufacturer sent another unit under a new serial in its place: this one is gone for good.
  'replace-under-rma': { from: ['RETURNED_FOR_RMA'], to: 'RETURNED', allowed: 'for a rack RETURNED_FOR_RMA' },
  return: {
    from: ['REJECTED_AT_INTAKE', 'EVALUATION_FAILED', 'AWAITING_RETURN'],
    to: 'RETURNED',
    allowed: 'after rejection, failure, decline or lapse',
  },
};

const LABEL: Record<RackAction, string> = {
  'inspect-accept': 'accepting at inspection',
  'inspect-quarantine': 'quarantining at inspection',
  'inspect-reject': 'rejecting at inspection',
  'start-evaluation': 'starting evaluation',
  'pass-evaluation': 'passing evaluation',
  'fail-evaluation': 'failing evaluation',
  'reopen-evaluation': 're-opening the evaluation',
  'exercise-option': 'purchasing (option exercised)',
  'exercise-after-withdrawal': 'purchasing (option exercised before the withdrawal reached it)',
  'end-option': 'awaiting return (option declined or lapsed)',
  'decline-before-verdict': 'awaiting return (option declined before its verdict)',
  hold: 'putting on hold',
  'release-hold': 'releasing a hold',
  withdraw: 'withdrawal',
  'ship-for-rma': 'shipping to the manufacturer under an RMA',
  'return-from-rma': 'receiving back from an RMA',
  'replace-under-rma': 'replacing by another serial under an RMA',
  return: 'return',
};

const machine = defineStateMachine<RackState, RackAction, Rule, RackContext>(
  RACK_TRANSITIONS,
  ({ state, action, rule, context }) =>
    new IntakeError(
      IntakeErrorCode.ILLEGAL_TRANSITION,
      `rack ${context.serial} is ${state}; ${LABEL[action]} is allowed only ${rule.allowed}`,
      [{ field: 'state', message: `${state} does not allow ${LABEL[action]}` }],
    ),
);

/** Pure rules of the rack lifecycle: no I/O, so every path is unit-tested. */
export const RackStateMachine = {
  canApply(state: RackState, action: RackAction): boolean {
    return machine.canApply(state, action);
  },

  /**
   * The state `action` leads to from `state`, or a 409 naming the rule and the current state.
   * `heldFrom` is the state a held rack returns to when its hold is released.
   */
  transition(serial: string, state: RackState, action: RackAction, heldFrom?: RackState | null): RackState {
    return machine.transition(state, action, { serial, heldFrom });
  },
};
