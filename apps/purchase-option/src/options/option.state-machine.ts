import { OptionState } from '@rackeval/contracts';
import { defineStateMachine, type TransitionRule } from '@rackeval/platform';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';

export type OptionAction =
  | 'evaluation-passed'
  | 'evaluation-failed'
  | 'rejected-at-intake'
  | 'exercise'
  | 'request-approval'
  | 'approve'
  | 'reject'
  | 'decline'
  | 'lapse'
  | 'withdraw'
  | 'evaluation-reopened'
  | 'reopen-after-rma';

export const OPEN_STATES: readonly OptionState[] = ['EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL'];
export const ENDED_STATES: readonly OptionState[] = ['EXERCISED', 'DECLINED', 'LAPSED', 'WITHDRAWN'];

interface Rule extends TransitionRule<OptionState, OptionState | undefined> {
  /** Why the action is allowed only from `from`, for the 409 message. */
  rule: string;
}

/** A rejected request leads back to the state it was made from (the context `transition` is given). */
function returnTo(returnTo: OptionState | undefined): OptionState {
  if (!returnTo || !['EXERCISABLE', 'NOT_EXERCISABLE'].includes(returnTo)) {
    throw new Error(`reject needs the state the request was made from, got ${String(returnTo)}`);
  }
  return returnTo;
}

const RULES: Record<OptionAction, Rule> = {
  'evaluation-passed': { from: ['PENDING_EVALUATION'], to: 'EXERCISABLE', rule: 'a verdict applies only to an option awaiting evaluation' },
  'evaluation-failed': {
    from: ['PENDING_EVALUATION'],
    to: 'NOT_EXERCISABLE',
    rule: 'a verdict applies only to an option awaiting evaluation',
  },
  // A rack rejected at intake is never evaluated: the rejection is its verdict.
  'rejected-at-intake': {
    from: ['PENDING_EVALUATION'],
    to: 'NOT_EXERCISABLE',
    rule: 'a rejection at intake applies only to an option awaiting evaluation',
  },
  exercise: {
    from: ['EXERCISABLE', 'NOT_EXERCISABLE'],
    to: 'EXERCISED',
    rule: 'exercise is allowed only from EXERCISABLE or NOT_EXERCISABLE',
  },
  'request-approval': {
    from: ['EXERCISABLE', 'NOT_EXERCISABLE'],
    to: 'PENDING_APPROVAL',
    rule: 'exercise is allowed only from EXERCISABLE or NOT_EXERCISABLE',
  },
  approve: { from: ['PENDING_APPROVAL'], to: 'EXERCISED', rule: 'approval is allowed only for an option PENDING_APPROVAL' },
  reject: { from: ['PENDING_APPROVAL'], to: returnTo, rule: 'rejection is allowed only for an option PENDING_APPROVAL' },
  // A pending exercise request is approved or rejected first: declining under a colleague's request would race it.
  // Finance may also end an option before its verdict (a rack it will not buy whatever the evaluation says).
  decline: {
    from: ['PENDING_EVALUATION', 'EXERCISABLE', 'NOT_EXERCISABLE'],
    to: 'DECLINED',
    rule: 'decline is allowed only from PENDING_EVALUATION, EXERCISABLE or NOT_EXERCISABLE',
  },
  lapse: { from: OPEN_STATES, to: 'LAPSED', rule: 'only an open option (EXERCISABLE, NOT_EXERCISABLE, PENDING_APPROVAL) lapses' },
  // Intake withdrew or returned the rack: whatever was pending (even an exercise awaiting approval) ends.
  withdraw: {
    from: ['PENDING_EVALUATION', ...OPEN_STATES],
    to: 'WITHDRAWN',
    rule: 'a withdrawal or return ends only an option that has not ended',
  },
  // results re-opened the evaluation (an admin, or a correction that changed its outcome): the verdict is undone,
  // and a pending exercise request with it. results refuses a re-open once the option ended.
  'evaluation-reopened': {
    from: OPEN_STATES,
    to: 'PENDING_EVALUATION',
    rule: 'a re-opened evaluation returns only an option with a verdict that has not ended (EXERCISABLE, NOT_EXERCISABLE, PENDING_APPROVAL)',
  },
  // The rack came back from an RMA under its serial as its next incarnation: it is evaluated afresh, so
  // an option that ended without a purchase opens again for it. A bought rack is never on an RMA.
  'reopen-after-rma': {
    from: ['DECLINED', 'LAPSED', 'WITHDRAWN'],
    to: 'PENDING_EVALUATION',
    rule: 'only an option that ended without a purchase (DECLINED, LAPSED, WITHDRAWN) reopens for a unit back from an RMA',
  },
};

/**
 * What a fact from another service that crossed a finance decision does to the option.
 * - `apply`: the option has not ended; the transition applies.
 * - `overruled`: the option was EXERCISED first. The exercise stands: the rack was bought, and
 *   DESIGN.md refuses a withdrawal (and a re-open) after an exercise. The crossing fact is
 *   recorded in the audit trail and intake moves the rack to PURCHASED on OptionExercised
 *   (intake: racks/lifecycle/lifecycle.rules.ts, rack.state-machine.ts `exercise-after-withdrawal`), so both services end in the same place
 *   whichever fact each applied first.
 * - `moot`: the option ended otherwise (declined, lapsed, withdrawn); the rack goes back anyway.
 * Never a 409 and never a dead letter: the conflict is business, not a broken message.
 */
export type CrossingOutcome = 'apply' | 'overruled' | 'moot';

/** Intake withdrew or returned the rack. */
export function withdrawalOutcome(state: OptionState): CrossingOutcome {
  if (state === 'EXERCISED') return 'overruled';
  return RULES.withdraw.from.includes(state) ? 'apply' : 'moot';
}

/** results re-opened the evaluation; `apply` also covers an option still awaiting its verdict (nothing to undo). */
export function reopenOutcome(state: OptionState): CrossingOutcome {
  if (state === 'EXERCISED') return 'overruled';
  return ENDED_STATES.includes(state) ? 'moot' : 'apply';
}

/**
 * What the unit's return as `incarnation` (from intake's RackReturnedFromRma, or learnt first from a
 * verdict or re-open about that incarnation) does to the option:
 * - `known`: the option already concerns that incarnation or a later one (a redelivery, or the return
 *   read after a verdict of the new incarnation reopened it); nothing changes.
 * - `reopen`: the option ended without a purchase; it reopens to PENDING_EVALUATION for the incarnation.
 * - `overruled`: the option was EXERCISED; the purchase stands (a bought rack is not on an RMA in practice)
 *   and the audit trail records the return that changed nothing.
 * - `not-ended`: the option has not ended (should not happen: a rack goes on an RMA only once its
 *   option ended); the audit trail records it and the option is left as it is.
 */
export type ReturnOutcome = 'known' | 'reopen' | 'overruled' | 'not-ended';

export function returnOutcome(option: { state: OptionState; incarnation: number }, incarnation: number): ReturnOutcome {
  if (incarnation <= option.incarnation) return 'known';
  if (option.state === 'EXERCISED') return 'overruled';
  return RULES['reopen-after-rma'].from.includes(option.state) ? 'reopen' : 'not-ended';
}

const machine = defineStateMachine<OptionState, OptionAction, Rule, OptionState | undefined>(RULES, ({ state, action, rule }) => {
  const ended = ENDED_STATES.includes(state) ? ` (the option already ended ${state}; it ends exactly once)` : '';
  return new PurchaseOptionError(PurchaseOptionErrorCode.ILLEGAL_TRANSITION, `option is ${state}; ${rule.rule}${ended}`, [
    { field: 'state', message: `${action} not allowed from ${state}` },
  ]);
});

/** The option lifecycle as a pure transition table: every state change in the service goes through it. */
export const OptionStateMachine = {
  /** The state after `action`, or a 409 naming the rule and the current state. */
  transition(state: OptionState, action: OptionAction, returnTo?: OptionState): OptionState {
    return machine.transition(state, action, returnTo);
  },

  canTransition(state: OptionState, action: OptionAction): boolean {
    return machine.canApply(state, action);
  },

  isEnded(state: OptionState): boolean {
    return ENDED_STATES.includes(state);
  },
};
