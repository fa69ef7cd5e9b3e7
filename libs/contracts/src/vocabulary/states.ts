/**
 * The lifecycle vocabularies, defined once: event payloads, the services' state machines and views
 * use these lists, and so do the browser and the scripts through libs/api-client, which takes them
 * from `@rackeval/contracts/vocabulary` (this folder's index.ts). Browser-safe: no imports at all.
 */

/** intake: a rack's lifecycle (apps/intake/src/racks/rack.state-machine.ts). */
export const RACK_STATES = [
  'RECEIVED',
  'QUARANTINED',
  'REJECTED_AT_INTAKE',
  'RELEASED_FOR_EVALUATION',
  'IN_EVALUATION',
  'EVALUATION_PASSED',
  'EVALUATION_FAILED',
  'ON_HOLD',
  'AWAITING_RETURN',
  'RETURNED_FOR_RMA',
  'PURCHASED',
  'RETURNED',
] as const;
export type RackState = (typeof RACK_STATES)[number];

/**
 * The states a rack may be put on hold from: everything before its evaluation verdict. After the
 * verdict the rack's fate is finance's option decision (decline, or withdraw a damaged rack).
 */
export const HOLDABLE_RACK_STATES = [
  'RECEIVED',
  'QUARANTINED',
  'RELEASED_FOR_EVALUATION',
  'IN_EVALUATION',
] as const satisfies readonly RackState[];
export type HoldableRackState = (typeof HOLDABLE_RACK_STATES)[number];

/** test-run: a run's lifecycle (apps/test-run/src/runs/run.state-machine.ts); results mirrors it. */
export const RUN_STATES = ['SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** purchase-option: an option's lifecycle (apps/purchase-option/src/options/option.state-machine.ts). */
export const OPTION_STATES = [
  'PENDING_EVALUATION',
  'EXERCISABLE',
  'NOT_EXERCISABLE',
  'PENDING_APPROVAL',
  'EXERCISED',
  'DECLINED',
  'LAPSED',
  'WITHDRAWN',
] as const;
export type OptionState = (typeof OPTION_STATES)[number];

/** A finding's life: opened, classified, reported back to the manufacturer, fixed and verified (or closed without a fix). */
export const FINDING_STATES = ['OPEN', 'TRIAGED', 'REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED', 'VERIFIED', 'WONT_FIX'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** What a person may do to a finding; the state machine in results says from which states. */
export const FINDING_ACTIONS = ['triage', 'report', 'propose-fix', 'reject-fix', 'verify', 'wont-fix'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];
