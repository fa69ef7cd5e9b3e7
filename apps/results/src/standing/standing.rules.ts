import type { OptionState, RackState } from '@rackeval/contracts';

/** Option states in which the option can still change: anything else (EXERCISED, DECLINED, LAPSED, WITHDRAWN, …) has ended. */
export const LIVE_OPTION_STATES: readonly OptionState[] = ['PENDING_EVALUATION', 'EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL'];
/** Rack states after which the rack has left the evaluation for good (bought, or going back). */
export const GONE_RACK_STATES: readonly RackState[] = [
  'REJECTED_AT_INTAKE',
  'AWAITING_RETURN',
  'RETURNED_FOR_RMA',
  'PURCHASED',
  'RETURNED',
];

/** What results knows of a rack's fate, from intake's and purchase-option's events. */
export interface RackStanding {
  rackState: RackState | null;
  optionState: OptionState | null;
}

/**
 * Rule EVALUATION_CLOSED: a rack's evaluation can be re-opened, and its measurements corrected,
 * until its option has ended (any state other than the live ones) or intake reports the rack
 * bought or going back. A rack whose option results has not heard of (no terms yet) is open.
 * Returns why it is closed, or undefined while it is open.
 */
export function closedBecause(standing: RackStanding | undefined): string | undefined {
  if (!standing) return undefined;
  if (standing.optionState && !LIVE_OPTION_STATES.includes(standing.optionState)) return `its option has ended (${standing.optionState})`;
  if (standing.rackState && GONE_RACK_STATES.includes(standing.rackState)) return `intake reports the rack ${standing.rackState}`;
  return undefined;
}
