import { type FindingAction, type FindingState } from '@rackeval/contracts';
import { defineStateMachine, refuseAppliesOnlyTo } from '@rackeval/platform';
import { ResultsError, ResultsErrorCode } from '../results.errors';

/**
 * Which action moves a finding from which states to which state. A finding is re-triaged (class
 * or component corrected) without leaving TRIAGED; VERIFIED and WONT_FIX are final.
 */
export const FINDING_TRANSITIONS: Readonly<Record<FindingAction, { from: readonly FindingState[]; to: FindingState }>> = {
  triage: { from: ['OPEN', 'TRIAGED'], to: 'TRIAGED' },
  report: { from: ['TRIAGED'], to: 'REPORTED_TO_MANUFACTURER' },
  'propose-fix': { from: ['REPORTED_TO_MANUFACTURER'], to: 'FIX_PROPOSED' },
  'reject-fix': { from: ['FIX_PROPOSED'], to: 'REPORTED_TO_MANUFACTURER' },
  verify: { from: ['FIX_PROPOSED'], to: 'VERIFIED' },
  'wont-fix': { from: ['OPEN', 'TRIAGED', 'REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED'], to: 'WONT_FIX' },
};

export const FINAL_FINDING_STATES: readonly FindingState[] = ['VERIFIED', 'WONT_FIX'];

const machine = defineStateMachine<FindingState, FindingAction, (typeof FINDING_TRANSITIONS)[FindingAction], string>(
  FINDING_TRANSITIONS,
  refuseAppliesOnlyTo('finding', (message, details) => new ResultsError(ResultsErrorCode.ILLEGAL_TRANSITION, message, details)),
);

export const FindingStateMachine = {
  /** The state after `action`, or a 409 naming the state and the states the action needs. */
  transition(findingId: string, current: FindingState, action: FindingAction): FindingState {
    return machine.transition(current, action, findingId);
  },

  /** The actions a person may take now (what the console offers), in FINDING_ACTIONS order. */
  actionsFrom(current: FindingState): FindingAction[] {
    return machine.actionsFrom(current);
  },
};
