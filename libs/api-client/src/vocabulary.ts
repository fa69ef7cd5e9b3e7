/**
 * The shared vocabularies (states, roles, categories, error codes) as values, for menus, filters
 * and checks in the browser and in scripts. Each list is held against the generated OpenAPI types
 * below, so a server change that the list misses fails the type-check; tools/test/api-vocabulary.spec.ts
 * holds the lists that the documents do not enumerate against the server code. The lifecycle states
 * are not copied: they come from libs/contracts through its browser-safe entry, which imports nothing.
 */
import {
  OPTION_STATES as CONTRACT_OPTION_STATES,
  RACK_STATES as CONTRACT_RACK_STATES,
  RMA_STATES as CONTRACT_RMA_STATES,
  RUN_STATES as CONTRACT_RUN_STATES,
} from '@rackeval/contracts/vocabulary';
import type {
  AbortCause,
  Comparator,
  CoolingType,
  CriterionCategory,
  InspectionOutcome,
  OptionState,
  RackState,
  RmaState,
  RunState,
  TermsStatus,
} from './schemas';

/** Fails to compile unless `List` names every member of `Union` (and nothing else). */
type Exactly<List extends readonly string[], Union extends string> = [Union] extends [List[number]]
  ? [List[number]] extends [Union]
    ? List
    : never
  : never;
const exactly =
  <Union extends string>() =>
  <const List extends readonly string[]>(list: Exactly<List, Union>) =>
    list;

// The roles are auth's (its browser-safe entry), as the lifecycle states are contracts'.
export { type Role, ROLES } from '@rackeval/auth/vocabulary';

/** Lifecycle stages in board order (AWAITING_RETURN is intake's stage between a final verdict and RETURNED; ON_HOLD is a pause before the verdict). */
export const RACK_STATES = exactly<RackState>()(CONTRACT_RACK_STATES);
/** An RMA's life at intake: OPEN until its units are SHIPPED to the manufacturer, or CANCELLED before that. */
export const RMA_STATES = exactly<RmaState>()(CONTRACT_RMA_STATES);
export const COOLING_TYPES = exactly<CoolingType>()(['air', 'direct-liquid', 'immersion']);
export const INSPECTION_OUTCOMES = exactly<InspectionOutcome>()(['ACCEPTED', 'QUARANTINED', 'REJECTED']);
export const BOM_CATEGORIES = ['compute', 'networking', 'cabling', 'cooling', 'power', 'mechanical'] as const;
export type BomCategory = (typeof BOM_CATEGORIES)[number];

export const RUN_STATES = exactly<RunState>()(CONTRACT_RUN_STATES);
/** Why a run was aborted; only DEVICE uses up an attempt. */
export const ABORT_CAUSES = exactly<AbortCause>()(['FACILITY', 'OPERATOR', 'HOLD', 'DEVICE']);

export const COMPARATORS = exactly<Comparator>()(['gte', 'lte', 'between']);
export const CRITERION_CATEGORIES = exactly<CriterionCategory>()(['performance', 'power', 'thermal', 'reliability', 'network', 'cost']);

export const OPTION_STATES = exactly<OptionState>()(CONTRACT_OPTION_STATES);
export const TERMS_STATUSES = exactly<TermsStatus>()(['PROPOSED', 'ACTIVE', 'REJECTED', 'SUPERSEDED']);

/** Every `code` an ErrorBody may carry: the platform's, then each service's. */
export const ERROR_CODES = [
  // platform: HTTP, validation, cursors, idempotency, outages
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE',
  'TOO_MANY_REQUESTS',
  'VALIDATION_FAILED',
  'INVALID_CURSOR',
  'INVALID_IDEMPOTENCY_KEY',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAVAILABLE',
  'INTERNAL',
  // shared by the services
  'ILLEGAL_TRANSITION',
  'CONCURRENT_UPDATE',
  'UNKNOWN_GENERATION',
  'SITE_NOT_ALLOWED',
  // intake
  'GENERATION_ALREADY_REGISTERED',
  'DELIVERY_REFERENCE_REUSED',
  'RACK_ALREADY_ON_SITE',
  'MIXED_BOM_CURRENCIES',
  'INVALID_MANIFEST',
  'INVALID_INSPECTION',
  'FAILED_CHECKS_ON_ACCEPT',
  'RACK_NOT_FOUND',
  'CHECK_NOT_APPLICABLE',
  'RACK_RECORD_CLOSED',
  'OPTION_STILL_EXERCISABLE',
  'OPTION_DECISION_TAKEN',
  'INVALID_RMA',
  'RMA_NOT_FOUND',
  'RMA_NUMBER_TAKEN',
  'RACK_NOT_AWAITING_RETURN',
  'RACK_ON_ANOTHER_RMA',
  // test-run
  'TEST_PLAN_NOT_FOUND',
  'BAY_ALREADY_EXISTS',
  'UNKNOWN_BAY',
  'UNKNOWN_RACK',
  'RACK_NOT_RELEASED',
  'RACK_HAS_ACTIVE_RUN',
  'BAY_OCCUPIED',
  'NO_TEST_PLAN',
  'SUITE_NOT_IN_PLAN',
  'ATTEMPTS_EXHAUSTED',
  'RUN_NOT_FOUND',
  'RACK_ON_HOLD',
  // results
  'INVALID_CRITERIA',
  'UNKNOWN_CRITERIA',
  'UNKNOWN_RUN',
  'RUN_NOT_OPEN',
  'EVALUATION_CONCLUDED',
  'INVALID_MEASUREMENT',
  'METRIC_NOT_REPORTED',
  'UNIT_MISMATCH',
  'NOTHING_TO_CORRECT',
  'MALFORMED_OCPTV',
  'OCPTV_REJECTED',
  'NO_VERDICT',
  'NO_EVALUATION',
  'EVALUATION_CLOSED',
  'EVALUATION_NOT_CONCLUDED',
  'UNKNOWN_SUITE',
  'UNKNOWN_UPLOAD',
  'UPLOAD_OFFSET_MISMATCH',
  'NO_DUT_INFO',
  // results: findings and attachments
  'UNKNOWN_FINDING',
  'RACK_MISMATCH',
  'UNKNOWN_FAILURE_CLASS',
  'UNKNOWN_BOM_LINE',
  'UNKNOWN_ATTACHMENT',
  // results: manufacturer feed
  'UNKNOWN_DELIVERY',
  // purchase-option
  'UNKNOWN_OPTION',
  'UNKNOWN_TERMS',
  'TERMS_CONFLICT',
  'WAIVER_REQUIRED',
  'WAIVER_NOT_APPLICABLE',
  'OPTION_WINDOW_CLOSED',
  'FOUR_EYES_RULE',
  'RACK_REJECTED_AT_INTAKE',
  'INVALID_FILTER',
  'UNKNOWN_COST_TARGETS',
  'COST_TARGETS_CONFLICT',
  'INVALID_COST_TARGETS',
] as const;
