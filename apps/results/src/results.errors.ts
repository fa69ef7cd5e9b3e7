import { domainErrorOf, errorCodes, ErrorKind } from '@rackeval/platform';

export type ResultsErrorCode = keyof typeof ResultsErrorCode;
/** Every code the results service answers with, by the kind of refusal (the kind decides the HTTP status). */
export const ResultsErrorCode = errorCodes({
  [ErrorKind.BadInput]: ['INVALID_CRITERIA', 'INVALID_MEASUREMENT', 'MALFORMED_OCPTV', 'UNKNOWN_FAILURE_CLASS'],
  [ErrorKind.NotFound]: [
    'UNKNOWN_CRITERIA',
    'UNKNOWN_RUN',
    'NO_VERDICT',
    'NO_EVALUATION',
    'UNKNOWN_UPLOAD',
    'NO_DUT_INFO',
    'UNKNOWN_FINDING',
    'UNKNOWN_RACK',
    'UNKNOWN_ATTACHMENT',
    'UNKNOWN_DELIVERY',
  ],
  [ErrorKind.Conflict]: [
    'RUN_NOT_OPEN',
    'ILLEGAL_TRANSITION',
    'EVALUATION_CONCLUDED',
    'CONCURRENT_UPDATE',
    'EVALUATION_CLOSED',
    'EVALUATION_NOT_CONCLUDED',
    'UPLOAD_OFFSET_MISMATCH',
  ],
  [ErrorKind.DomainRule]: [
    'METRIC_NOT_REPORTED',
    'UNIT_MISMATCH',
    'NOTHING_TO_CORRECT',
    'OCPTV_REJECTED',
    'UNKNOWN_GENERATION',
    'UNKNOWN_SUITE',
    'RACK_MISMATCH',
    'UNKNOWN_BOM_LINE',
  ],
  [ErrorKind.Forbidden]: ['SITE_NOT_ALLOWED'],
});

/** The one exception type of the results service; its code decides the HTTP status. */
export class ResultsError extends domainErrorOf(ResultsErrorCode) {}

export const unknownFinding = (id: string) =>
  new ResultsError(ResultsErrorCode.UNKNOWN_FINDING, `finding ${id} does not exist`, [{ field: 'id', message: `no finding ${id}` }]);
/** A run results has not learnt of, named by the field that carried its id. */
export const unknownRun = (runId: string, field = 'runId') =>
  new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is not known to results`, [{ field, message: `no run ${runId}` }]);
/** A delivery of the manufacturer's feed that does not exist (the log names each delivery's id). */
export const unknownDelivery = (id: string) =>
  new ResultsError(ResultsErrorCode.UNKNOWN_DELIVERY, `delivery ${id} does not exist`, [{ field: 'id', message: `no delivery ${id}` }]);
