import { DomainError, ErrorDetail, ErrorKind } from '@rackeval/platform';

export enum IntakeErrorCode {
  GENERATION_ALREADY_REGISTERED = 'GENERATION_ALREADY_REGISTERED',
  UNKNOWN_GENERATION = 'UNKNOWN_GENERATION',
  DELIVERY_REFERENCE_REUSED = 'DELIVERY_REFERENCE_REUSED',
  RACK_ALREADY_ON_SITE = 'RACK_ALREADY_ON_SITE',
  MIXED_BOM_CURRENCIES = 'MIXED_BOM_CURRENCIES',
  INVALID_MANIFEST = 'INVALID_MANIFEST',
  INVALID_INSPECTION = 'INVALID_INSPECTION',
  FAILED_CHECKS_ON_ACCEPT = 'FAILED_CHECKS_ON_ACCEPT',
  RACK_NOT_FOUND = 'RACK_NOT_FOUND',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  OPTION_STILL_EXERCISABLE = 'OPTION_STILL_EXERCISABLE',
  OPTION_DECISION_TAKEN = 'OPTION_DECISION_TAKEN',
  CHECK_NOT_APPLICABLE = 'CHECK_NOT_APPLICABLE',
  RACK_RECORD_CLOSED = 'RACK_RECORD_CLOSED',
  NOTHING_TO_CORRECT = 'NOTHING_TO_CORRECT',
}

const KIND: Record<IntakeErrorCode, ErrorKind> = {
  GENERATION_ALREADY_REGISTERED: ErrorKind.Conflict,
  UNKNOWN_GENERATION: ErrorKind.DomainRule,
  DELIVERY_REFERENCE_REUSED: ErrorKind.Conflict,
  RACK_ALREADY_ON_SITE: ErrorKind.Conflict,
  MIXED_BOM_CURRENCIES: ErrorKind.DomainRule,
  INVALID_MANIFEST: ErrorKind.BadInput,
  INVALID_INSPECTION: ErrorKind.BadInput,
  FAILED_CHECKS_ON_ACCEPT: ErrorKind.DomainRule,
  RACK_NOT_FOUND: ErrorKind.NotFound,
  ILLEGAL_TRANSITION: ErrorKind.Conflict,
  CONCURRENT_UPDATE: ErrorKind.Conflict,
  OPTION_STILL_EXERCISABLE: ErrorKind.Conflict,
  OPTION_DECISION_TAKEN: ErrorKind.Conflict,
  CHECK_NOT_APPLICABLE: ErrorKind.DomainRule,
  RACK_RECORD_CLOSED: ErrorKind.Conflict,
  NOTHING_TO_CORRECT: ErrorKind.DomainRule,
};

/** The one exception type of the intake service; its code decides the HTTP status. */
export class IntakeError extends DomainError {
  constructor(code: IntakeErrorCode, message: string, details: ErrorDetail[] = []) {
    super(KIND[code], code, message, details);
  }
}

export const rackNotFound = (serial: string) =>
  new IntakeError(IntakeErrorCode.RACK_NOT_FOUND, `rack ${serial} is not known to intake`, [
    { field: 'serial', message: `no rack ${serial}` },
  ]);
