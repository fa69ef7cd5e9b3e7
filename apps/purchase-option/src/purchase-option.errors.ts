import { DomainError, ErrorDetail, ErrorKind } from '@rackeval/platform';

export enum PurchaseOptionErrorCode {
  UNKNOWN_OPTION = 'UNKNOWN_OPTION',
  UNKNOWN_TERMS = 'UNKNOWN_TERMS',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  TERMS_CONFLICT = 'TERMS_CONFLICT',
  WAIVER_REQUIRED = 'WAIVER_REQUIRED',
  WAIVER_NOT_APPLICABLE = 'WAIVER_NOT_APPLICABLE',
  OPTION_WINDOW_CLOSED = 'OPTION_WINDOW_CLOSED',
  FOUR_EYES_RULE = 'FOUR_EYES_RULE',
  RACK_REJECTED_AT_INTAKE = 'RACK_REJECTED_AT_INTAKE',
  INVALID_FILTER = 'INVALID_FILTER',
  UNKNOWN_COST_TARGETS = 'UNKNOWN_COST_TARGETS',
  COST_TARGETS_CONFLICT = 'COST_TARGETS_CONFLICT',
  INVALID_COST_TARGETS = 'INVALID_COST_TARGETS',
  UNKNOWN_GENERATION = 'UNKNOWN_GENERATION',
}

const KIND: Record<PurchaseOptionErrorCode, ErrorKind> = {
  UNKNOWN_OPTION: ErrorKind.NotFound,
  UNKNOWN_TERMS: ErrorKind.NotFound,
  ILLEGAL_TRANSITION: ErrorKind.Conflict,
  CONCURRENT_UPDATE: ErrorKind.Conflict,
  TERMS_CONFLICT: ErrorKind.Conflict,
  WAIVER_REQUIRED: ErrorKind.DomainRule,
  WAIVER_NOT_APPLICABLE: ErrorKind.DomainRule,
  OPTION_WINDOW_CLOSED: ErrorKind.DomainRule,
  FOUR_EYES_RULE: ErrorKind.Forbidden,
  RACK_REJECTED_AT_INTAKE: ErrorKind.DomainRule,
  INVALID_FILTER: ErrorKind.BadInput,
  UNKNOWN_COST_TARGETS: ErrorKind.NotFound,
  COST_TARGETS_CONFLICT: ErrorKind.Conflict,
  INVALID_COST_TARGETS: ErrorKind.BadInput,
  UNKNOWN_GENERATION: ErrorKind.DomainRule,
};

export class PurchaseOptionError extends DomainError {
  constructor(code: PurchaseOptionErrorCode, message: string, details: ErrorDetail[] = []) {
    super(KIND[code], code, message, details);
  }
}
