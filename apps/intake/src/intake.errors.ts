import { domainErrorOf, errorCodes, ErrorKind } from '@rackeval/platform';

export type IntakeErrorCode = keyof typeof IntakeErrorCode;
/** Every code the intake service answers with, by the kind of refusal (the kind decides the HTTP status). */
export const IntakeErrorCode = errorCodes({
  [ErrorKind.BadInput]: ['INVALID_MANIFEST', 'INVALID_INSPECTION', 'INVALID_RMA'],
  // NOT_FOUND: a delivery or an inspection intake does not know (message and details name it);
  // UNKNOWN_ATTACHMENT: an attachment not on what the path names (the code results answers with too).
  [ErrorKind.NotFound]: ['RACK_NOT_FOUND', 'RMA_NOT_FOUND', 'NOT_FOUND', 'UNKNOWN_ATTACHMENT'],
  [ErrorKind.Conflict]: [
    'GENERATION_ALREADY_REGISTERED',
    'DELIVERY_REFERENCE_REUSED',
    'RACK_ALREADY_ON_SITE',
    'ILLEGAL_TRANSITION',
    'CONCURRENT_UPDATE',
    'OPTION_STILL_EXERCISABLE',
    'OPTION_DECISION_TAKEN',
    'RACK_RECORD_CLOSED',
    'RMA_NUMBER_TAKEN',
    'RACK_NOT_AWAITING_RETURN',
    'RACK_ON_ANOTHER_RMA',
  ],
  [ErrorKind.DomainRule]: [
    'UNKNOWN_GENERATION',
    'MIXED_BOM_CURRENCIES',
    'FAILED_CHECKS_ON_ACCEPT',
    'CHECK_NOT_APPLICABLE',
    'NOTHING_TO_CORRECT',
  ],
});

/** The one exception type of the intake service; its code decides the HTTP status. */
export class IntakeError extends domainErrorOf(IntakeErrorCode) {}

export const rackNotFound = (serial: string) =>
  new IntakeError(IntakeErrorCode.RACK_NOT_FOUND, `rack ${serial} is not known to intake`, [
    { field: 'serial', message: `no rack ${serial}` },
  ]);

export const rmaNotFound = (id: string) =>
  new IntakeError(IntakeErrorCode.RMA_NOT_FOUND, `RMA ${id} is not known to intake`, [{ field: 'id', message: `no RMA ${id}` }]);

export const deliveryNotFound = (reference: string) =>
  new IntakeError(IntakeErrorCode.NOT_FOUND, `delivery ${reference} is not known to intake`, [
    { field: 'reference', message: `no delivery ${reference}` },
  ]);

export const inspectionNotFound = (serial: string, inspectionId: string) =>
  new IntakeError(IntakeErrorCode.NOT_FOUND, `inspection ${inspectionId} of rack ${serial} is not known to intake`, [
    { field: 'inspectionId', message: `rack ${serial} has no inspection ${inspectionId}` },
  ]);
