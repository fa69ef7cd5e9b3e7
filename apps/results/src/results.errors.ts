import { DomainError, ErrorDetail, ErrorKind } from '@rackeval/platform';

export enum ResultsErrorCode {
  INVALID_CRITERIA = 'INVALID_CRITERIA',
  UNKNOWN_CRITERIA = 'UNKNOWN_CRITERIA',
  UNKNOWN_RUN = 'UNKNOWN_RUN',
  RUN_NOT_OPEN = 'RUN_NOT_OPEN',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  EVALUATION_CONCLUDED = 'EVALUATION_CONCLUDED',
  INVALID_MEASUREMENT = 'INVALID_MEASUREMENT',
  METRIC_NOT_REPORTED = 'METRIC_NOT_REPORTED',
  UNIT_MISMATCH = 'UNIT_MISMATCH',
  NOTHING_TO_CORRECT = 'NOTHING_TO_CORRECT',
  MALFORMED_OCPTV = 'MALFORMED_OCPTV',
  OCPTV_REJECTED = 'OCPTV_REJECTED',
  NO_VERDICT = 'NO_VERDICT',
  NO_EVALUATION = 'NO_EVALUATION',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  UNKNOWN_GENERATION = 'UNKNOWN_GENERATION',
  EVALUATION_CLOSED = 'EVALUATION_CLOSED',
  EVALUATION_NOT_CONCLUDED = 'EVALUATION_NOT_CONCLUDED',
  UNKNOWN_SUITE = 'UNKNOWN_SUITE',
  UNKNOWN_UPLOAD = 'UNKNOWN_UPLOAD',
  UPLOAD_OFFSET_MISMATCH = 'UPLOAD_OFFSET_MISMATCH',
  NO_DUT_INFO = 'NO_DUT_INFO',
  SITE_NOT_ALLOWED = 'SITE_NOT_ALLOWED',
  UNKNOWN_FINDING = 'UNKNOWN_FINDING',
  UNKNOWN_RACK = 'UNKNOWN_RACK',
  RACK_MISMATCH = 'RACK_MISMATCH',
  UNKNOWN_FAILURE_CLASS = 'UNKNOWN_FAILURE_CLASS',
  UNKNOWN_BOM_LINE = 'UNKNOWN_BOM_LINE',
  UNKNOWN_ATTACHMENT = 'UNKNOWN_ATTACHMENT',
}

const KIND: Record<ResultsErrorCode, ErrorKind> = {
  INVALID_CRITERIA: ErrorKind.BadInput,
  UNKNOWN_CRITERIA: ErrorKind.NotFound,
  UNKNOWN_RUN: ErrorKind.NotFound,
  RUN_NOT_OPEN: ErrorKind.Conflict,
  ILLEGAL_TRANSITION: ErrorKind.Conflict,
  EVALUATION_CONCLUDED: ErrorKind.Conflict,
  INVALID_MEASUREMENT: ErrorKind.BadInput,
  METRIC_NOT_REPORTED: ErrorKind.DomainRule,
  UNIT_MISMATCH: ErrorKind.DomainRule,
  NOTHING_TO_CORRECT: ErrorKind.DomainRule,
  MALFORMED_OCPTV: ErrorKind.BadInput,
  OCPTV_REJECTED: ErrorKind.DomainRule,
  NO_VERDICT: ErrorKind.NotFound,
  NO_EVALUATION: ErrorKind.NotFound,
  CONCURRENT_UPDATE: ErrorKind.Conflict,
  UNKNOWN_GENERATION: ErrorKind.DomainRule,
  EVALUATION_CLOSED: ErrorKind.Conflict,
  EVALUATION_NOT_CONCLUDED: ErrorKind.Conflict,
  UNKNOWN_SUITE: ErrorKind.DomainRule,
  UNKNOWN_UPLOAD: ErrorKind.NotFound,
  UPLOAD_OFFSET_MISMATCH: ErrorKind.Conflict,
  NO_DUT_INFO: ErrorKind.NotFound,
  SITE_NOT_ALLOWED: ErrorKind.Forbidden,
  UNKNOWN_FINDING: ErrorKind.NotFound,
  UNKNOWN_RACK: ErrorKind.NotFound,
  RACK_MISMATCH: ErrorKind.DomainRule,
  UNKNOWN_FAILURE_CLASS: ErrorKind.BadInput,
  UNKNOWN_BOM_LINE: ErrorKind.DomainRule,
  UNKNOWN_ATTACHMENT: ErrorKind.NotFound,
};

export class ResultsError extends DomainError {
  constructor(code: ResultsErrorCode, message: string, details: ErrorDetail[] = []) {
    super(KIND[code], code, message, details);
  }
}

export const unknownFinding = (id: string) =>
  new ResultsError(ResultsErrorCode.UNKNOWN_FINDING, `finding ${id} does not exist`, [{ field: 'id', message: `no finding ${id}` }]);
/** A run results has not learnt of, named by the field that carried its id. */
export const unknownRun = (runId: string, field = 'runId') =>
  new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is not known to results`, [{ field, message: `no run ${runId}` }]);
