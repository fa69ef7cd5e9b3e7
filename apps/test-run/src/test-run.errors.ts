import { domainErrorOf, errorCodes, ErrorKind } from '@rackeval/platform';

export type TestRunErrorCode = keyof typeof TestRunErrorCode;
/** Every code the test-run service answers with, by the kind of refusal (the kind decides the HTTP status). */
export const TestRunErrorCode = errorCodes({
  [ErrorKind.NotFound]: ['TEST_PLAN_NOT_FOUND', 'RUN_NOT_FOUND'],
  [ErrorKind.Conflict]: [
    'BAY_ALREADY_EXISTS',
    'RACK_HAS_ACTIVE_RUN',
    'RACK_ON_HOLD',
    'BAY_OCCUPIED',
    'ILLEGAL_TRANSITION',
    'CONCURRENT_UPDATE',
  ],
  [ErrorKind.DomainRule]: [
    'UNKNOWN_GENERATION',
    'UNKNOWN_BAY',
    'UNKNOWN_RACK',
    'RACK_NOT_RELEASED',
    'NO_TEST_PLAN',
    'SUITE_NOT_IN_PLAN',
    'ATTEMPTS_EXHAUSTED',
  ],
  [ErrorKind.Forbidden]: ['SITE_NOT_ALLOWED'],
});

/** The one exception type of the test-run service; its code decides the HTTP status. */
export class TestRunError extends domainErrorOf(TestRunErrorCode) {}
