import { domainErrorOf, errorCodes, ErrorKind } from '@rackeval/platform';

export type PurchaseOptionErrorCode = keyof typeof PurchaseOptionErrorCode;
/** Every code the purchase-option service answers with, by the kind of refusal (the kind decides the HTTP status). */
export const PurchaseOptionErrorCode = errorCodes({
  [ErrorKind.BadInput]: ['INVALID_FILTER', 'INVALID_COST_TARGETS'],
  [ErrorKind.NotFound]: ['UNKNOWN_OPTION', 'UNKNOWN_TERMS', 'UNKNOWN_COST_TARGETS'],
  [ErrorKind.Conflict]: ['ILLEGAL_TRANSITION', 'CONCURRENT_UPDATE', 'TERMS_CONFLICT', 'COST_TARGETS_CONFLICT'],
  [ErrorKind.DomainRule]: [
    'WAIVER_REQUIRED',
    'WAIVER_NOT_APPLICABLE',
    'OPTION_WINDOW_CLOSED',
    'RACK_REJECTED_AT_INTAKE',
    'UNKNOWN_GENERATION',
  ],
  [ErrorKind.Forbidden]: ['FOUR_EYES_RULE'],
});

/** The one exception type of the purchase-option service; its code decides the HTTP status. */
export class PurchaseOptionError extends domainErrorOf(PurchaseOptionErrorCode) {}
