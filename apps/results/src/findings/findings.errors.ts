import { DomainError, ErrorDetail, ErrorKind } from '@rackeval/platform';

/** The findings module's refusals (its own enum, like every module; results' others are in results.errors.ts). */
export enum FindingsErrorCode {
  UNKNOWN_FINDING = 'UNKNOWN_FINDING',
  UNKNOWN_RUN = 'UNKNOWN_RUN',
  UNKNOWN_RACK = 'UNKNOWN_RACK',
  RACK_MISMATCH = 'RACK_MISMATCH',
  UNKNOWN_FAILURE_CLASS = 'UNKNOWN_FAILURE_CLASS',
  UNKNOWN_BOM_LINE = 'UNKNOWN_BOM_LINE',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  UNKNOWN_ATTACHMENT = 'UNKNOWN_ATTACHMENT',
}

const KIND: Record<FindingsErrorCode, ErrorKind> = {
  UNKNOWN_FINDING: ErrorKind.NotFound,
  UNKNOWN_RUN: ErrorKind.NotFound,
  UNKNOWN_RACK: ErrorKind.NotFound,
  RACK_MISMATCH: ErrorKind.DomainRule,
  UNKNOWN_FAILURE_CLASS: ErrorKind.BadInput,
  UNKNOWN_BOM_LINE: ErrorKind.DomainRule,
  ILLEGAL_TRANSITION: ErrorKind.Conflict,
  CONCURRENT_UPDATE: ErrorKind.Conflict,
  UNKNOWN_ATTACHMENT: ErrorKind.NotFound,
};

export class FindingsError extends DomainError {
  constructor(code: FindingsErrorCode, message: string, details: ErrorDetail[] = []) {
    super(KIND[code], code, message, details);
  }
}

export const unknownFinding = (id: string) =>
  new FindingsError(FindingsErrorCode.UNKNOWN_FINDING, `finding ${id} does not exist`, [{ field: 'id', message: `no finding ${id}` }]);
export const unknownRun = (runId: string, field = 'runId') =>
  new FindingsError(FindingsErrorCode.UNKNOWN_RUN, `run ${runId} is not known to results`, [{ field, message: `no run ${runId}` }]);
