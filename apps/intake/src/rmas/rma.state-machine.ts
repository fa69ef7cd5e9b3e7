import { RmaState } from '@rackeval/contracts';
import { defineStateMachine, type TransitionRule } from '@rackeval/platform';
import { IntakeError, IntakeErrorCode } from '../intake.errors';

/**
 * What moves an RMA after it is opened (OPEN). `receive` is applied when the last of its units is
 * back (rma-returns.service.ts): a partial receipt leaves the RMA SHIPPED.
 */
export type RmaAction = 'ship' | 'cancel' | 'receive';

interface Rule extends TransitionRule<RmaState, string> {
  /** Completes "<action> is allowed only …" in the refusal message. */
  allowed: string;
}

/** An RMA's lifecycle as a table: action → states it may start from → where it leads. */
export const RMA_TRANSITIONS: Readonly<Record<RmaAction, Rule>> = {
  ship: { from: ['OPEN'], to: 'SHIPPED', allowed: 'for an OPEN RMA' },
  cancel: { from: ['OPEN'], to: 'CANCELLED', allowed: 'for an OPEN RMA (its units have not left)' },
  receive: { from: ['SHIPPED'], to: 'RECEIVED', allowed: 'for a SHIPPED RMA' },
};

const LABEL: Record<RmaAction, string> = { ship: 'shipping', cancel: 'cancelling', receive: 'receiving units back' };

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
