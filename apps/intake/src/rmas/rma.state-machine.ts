import { RmaState } from '@rackeval/contracts';
import { defineStateMachine, type TransitionRule } from '@rackeval/platform';
import { IntakeError, IntakeErrorCode } from '../intake.errors';

/**
 * What moves an RMA after it is opened (OPEN). Receiving the repaired or replaced unit back will be
 * one more action from SHIPPED: a row here and its state in RMA_STATES.
 */
export type RmaAction = 'ship' | 'cancel';

interface Rule extends TransitionRule<RmaState, string> {
  /** Completes "<action> is allowed only …" in the refusal message. */
  allowed: string;
}

/** An RMA's lifecycle as a table: action → states it may start from → where it leads. */
export const RMA_TRANSITIONS: Readonly<Record<RmaAction, Rule>> = {
  ship: { from: ['OPEN'], to: 'SHIPPED', allowed: 'for an OPEN RMA' },
  cancel: { from: ['OPEN'], to: 'CANCELLED', allowed: 'for an OPEN RMA (its units have not left)' },
};

const LABEL: Record<RmaAction, string> = { ship: 'shipping', cancel: 'cancelling' };

const machine = defineStateMachine<RmaState, RmaAction, Rule, string>(
  RMA_TRANSITIONS,
  ({ state, action, rule, context: rmaNumber }) =>
    new IntakeError(IntakeErrorCode.ILLEGAL_TRANSITION, `RMA ${rmaNumber} is ${state}; ${LABEL[action]} is allowed only ${rule.allowed}`, [
      { field: 'state', message: `${state} does not allow ${LABEL[action]}` },
    ]),
);

/** Pure rules of the RMA lifecycle: no I/O. */
export const RmaStateMachine = {
  canApply(state: RmaState, action: RmaAction): boolean {
    return machine.canApply(state, action);
  },

  /** The actions a person may take now (what a client offers). */
  actionsFrom(state: RmaState): RmaAction[] {
    return machine.actionsFrom(state);
  },

  /** The state `action` leads to from `state`, or a 409 naming the RMA, its state and the rule. */
  transition(rmaNumber: string, state: RmaState, action: RmaAction): RmaState {
    return machine.transition(state, action, rmaNumber);
  },
};
