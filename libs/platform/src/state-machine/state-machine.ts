import type { ErrorDetail } from '../http/domain-error';

/**
 * One way to write a lifecycle: a table of actions (the states each may start from, the state it
 * leads to) and the service's own refusal. Pure: no I/O, so every service unit-tests its table.
 * A target may be a resolver when the next state is not fixed, e.g. back to the state a rack was
 * held from; the resolver gets the context passed to `transition`.
 */
export type TransitionTarget<State extends string, Context> = State | ((context: Context) => State);

export interface TransitionRule<State extends string, Context = void> {
  readonly from: readonly State[];
  readonly to: TransitionTarget<State, Context>;
}

/** What a refusal is told: it builds the service's typed error (a 409 with the service's own message). */
export interface RefusedTransition<State extends string, Action extends string, Rule, Context> {
  readonly state: State;
  readonly action: Action;
  readonly rule: Rule;
  readonly context: Context;
}

export interface StateMachine<State extends string, Action extends string, Rule extends TransitionRule<State, Context>, Context = void> {
  readonly table: Readonly<Record<Action, Rule>>;
  /** Whether `action` may start from `state`. */
  canApply(state: State, action: Action): boolean;
  /** The actions that may start from `state`, in table order. */
  actionsFrom(state: State): Action[];
  /** The state after `action`, or the service's refusal when `state` does not allow it. */
  transition(state: State, action: Action, context: Context): State;
}

export function defineStateMachine<
  State extends string,
  Action extends string,
  Rule extends TransitionRule<State, Context>,
  Context = void,
>(
  table: Readonly<Record<Action, Rule>>,
  refuse: (refused: RefusedTransition<State, Action, Rule, Context>) => Error,
): StateMachine<State, Action, Rule, Context> {
  const actions = Object.keys(table) as Action[];
  const canApply = (state: State, action: Action): boolean => table[action].from.includes(state);
  return {
    table,
    canApply,
    actionsFrom: (state) => actions.filter((action) => canApply(state, action)),
    transition(state, action, context) {
      const rule = table[action];
      if (!rule.from.includes(state)) throw refuse({ state, action, rule, context });
      return typeof rule.to === 'function' ? rule.to(context) : rule.to;
    },
  };
}

/**
 * The refusal of a lifecycle whose context is the aggregate's id, in the words its services share:
 * `finding F-1 is OPEN; "verify" applies only to a finding that is FIX_PROPOSED`, the state named as
 * the field at fault. `toError` makes that the service's own 409 (its ILLEGAL_TRANSITION).
 */
export function refuseAppliesOnlyTo(
  noun: string,
  toError: (message: string, details: ErrorDetail[]) => Error,
): (refused: RefusedTransition<string, string, TransitionRule<string, string>, string>) => Error {
  return ({ state, action, rule, context: id }) =>
    toError(`${noun} ${id} is ${state}; "${action}" applies only to a ${noun} that is ${rule.from.join(' or ')}`, [
      { field: 'state', message: `is ${state}` },
    ]);
}
