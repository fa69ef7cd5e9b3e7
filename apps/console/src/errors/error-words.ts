import { ApiError, NetworkError } from '../api/api-error';

/** An error told to a person: one sentence, then the fields or lines at fault. */
export interface ErrorInWords {
  summary: string;
  details: Array<{ where: string; what: string }>;
  /** For a support request: the id that finds this request in every service's logs. */
  reference?: string;
}

/** Codes whose plain-words sentence says more than the status alone. */
const BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'Your role does not allow this action.',
  RACK_NOT_FOUND: 'No rack with that serial is known.',
  RACK_ALREADY_ON_SITE: 'A rack with that serial is already on site.',
  UNKNOWN_GENERATION: 'That generation is not in the catalogue.',
  GENERATION_ALREADY_REGISTERED: 'A generation with that code already exists.',
  DELIVERY_REFERENCE_REUSED: 'That delivery reference was already used for a different delivery.',
  MIXED_BOM_CURRENCIES: 'All bill-of-materials lines of one rack must use the same currency.',
  INVALID_MANIFEST: 'The manifest has errors; nothing was imported. Fix the lines below and upload it again.',
  FAILED_CHECKS_ON_ACCEPT: 'A rack with failed checks cannot be accepted; quarantine or reject it instead.',
  ILLEGAL_TRANSITION: 'That step is not allowed in the current state.',
  CONCURRENT_UPDATE: 'Someone else changed this at the same moment. Reload and try again.',
  BAY_OCCUPIED: 'That bay is already holding a rack.',
  RACK_HAS_ACTIVE_RUN: 'This rack already has a run scheduled or running.',
  RACK_NOT_RELEASED: 'This rack has not been released for evaluation yet.',
  ATTEMPTS_EXHAUSTED: 'This suite has no attempts left for this rack.',
  NO_TEST_PLAN: 'This generation has no test plan yet.',
  SUITE_NOT_IN_PLAN: "That suite is not in the generation's test plan.",
  RUN_NOT_OPEN: 'This run is not running, so it does not accept measurements.',
  UNIT_MISMATCH: 'A measurement is in the wrong unit.',
  METRIC_NOT_REPORTED: 'A measurement names a metric this run does not report.',
  MALFORMED_OCPTV: 'The file is not a valid OCPTV artifact stream.',
  OCPTV_REJECTED: 'The OCPTV file was refused.',
  NO_VERDICT: 'This run has no verdict yet.',
  NO_EVALUATION: 'This rack has no evaluation yet.',
  WAIVER_REQUIRED: 'This rack failed its evaluation: exercising it needs a written waiver.',
  WAIVER_NOT_APPLICABLE: 'A waiver only applies to a rack that failed its evaluation.',
  OPTION_WINDOW_CLOSED: 'The option window has closed; the option will lapse.',
  RMA_NUMBER_TAKEN: 'That RMA number is already recorded.',
  RACK_NOT_AWAITING_RETURN: 'An RMA takes only racks awaiting return.',
  RACK_ON_ANOTHER_RMA: 'A rack is already on another open or shipped RMA.',
  FOUR_EYES_RULE: 'You requested this exercise, so a second finance colleague must approve it.',
};

const BY_STATUS: Record<number, string> = {
  400: 'Some of the information is not valid.',
  401: 'Your session has ended. Please sign in again.',
  403: 'Your role does not allow this action.',
  404: 'That item was not found.',
  409: 'This conflicts with the current state of the item.',
  413: 'The upload is too large.',
  415: 'That file type is not accepted.',
  422: 'That is against a rule of the programme.',
  502: 'That part of the system is not answering right now. Please try again shortly.',
  503: 'That part of the system is not available right now. Please try again shortly.',
  504: 'That part of the system took too long to answer. Please try again.',
};

/** Turns anything thrown by the API layer into words; the service's own message is kept as detail. */
export function errorInWords(error: unknown): ErrorInWords {
  if (error instanceof NetworkError) {
    return { summary: 'The console could not reach the server. Check your connection and try again.', details: [] };
  }
  if (!(error instanceof ApiError)) {
    return { summary: 'Something went wrong in the console.', details: error instanceof Error ? [{ where: '', what: error.message }] : [] };
  }
  const body = error.body;
  const summary =
    (body?.code && BY_CODE[body.code]) ??
    BY_STATUS[error.status] ??
    (error.status >= 500 ? 'The server had a problem. Please try again shortly.' : `The request was refused (${error.status}).`);
  const details = (body?.details ?? []).map((detail) => ({ where: describeField(detail.field), what: detail.message }));
  // The message names the rule that failed; show it when no detail already does.
  if (body?.message && !details.length && body.message !== summary) details.push({ where: '', what: body.message });
  return { summary, details, reference: body?.correlationId };
}

/** `racks[0].bom[2].unitCost` → `rack 1, BOM line 3, unit cost`; `line 4, column site` is kept as is. */
export function describeField(field: string): string {
  if (!field || /^line \d+/.test(field)) return field;
  return field
    .split('.')
    .map((part) => {
      const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
      const name = indexed ? indexed[1] : part;
      const words = WORDS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      return indexed ? `${words} ${Number(indexed[2]) + 1}` : words;
    })
    .join(', ');
}

const WORDS: Record<string, string> = {
  racks: 'rack',
  serials: 'rack',
  bom: 'BOM line',
  checks: 'check',
  measurements: 'measurement',
  criteria: 'criterion',
  suites: 'suite',
};
