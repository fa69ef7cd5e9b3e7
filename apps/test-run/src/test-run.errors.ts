import { DomainError, ErrorDetail, ErrorKind } from '@rackeval/platform';

export enum TestRunErrorCode {
  UNKNOWN_GENERATION = 'UNKNOWN_GENERATION',
  TEST_PLAN_NOT_FOUND = 'TEST_PLAN_NOT_FOUND',
  BAY_ALREADY_EXISTS = 'BAY_ALREADY_EXISTS',
  UNKNOWN_BAY = 'UNKNOWN_BAY',
  UNKNOWN_RACK = 'UNKNOWN_RACK',
  RACK_NOT_RELEASED = 'RACK_NOT_RELEASED',
  RACK_HAS_ACTIVE_RUN = 'RACK_HAS_ACTIVE_RUN',
  RACK_ON_HOLD = 'RACK_ON_HOLD',
  BAY_OCCUPIED = 'BAY_OCCUPIED',
  NO_TEST_PLAN = 'NO_TEST_PLAN',
  SUITE_NOT_IN_PLAN = 'SUITE_NOT_IN_PLAN',
  ATTEMPTS_EXHAUSTED = 'ATTEMPTS_EXHAUSTED',
  RUN_NOT_FOUND = 'RUN_NOT_FOUND',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  CONCURRENT_UPDATE = 'CONCURRENT_UPDATE',
  SITE_NOT_ALLOWED = 'SITE_NOT_ALLOWED',
}

const KIND: Record<TestRunErrorCode, ErrorKind> = {
  UNKNOWN_GENERATION: ErrorKind.DomainRule,
  TEST_PLAN_NOT_FOUND: ErrorKind.NotFound,
  BAY_ALREADY_EXISTS: ErrorKind.Conflict,
  UNKNOWN_BAY: ErrorKind.DomainRule,
  UNKNOWN_RACK: ErrorKind.DomainRule,
  RACK_NOT_RELEASED: ErrorKind.DomainRule,
  RACK_HAS_ACTIVE_RUN: ErrorKind.Conflict,
  RACK_ON_HOLD: ErrorKind.Conflict,
  BAY_OCCUPIED: ErrorKind.Conflict,
  NO_TEST_PLAN: ErrorKind.DomainRule,
  SUITE_NOT_IN_PLAN: ErrorKind.DomainRule,
  ATTEMPTS_EXHAUSTED: ErrorKind.DomainRule,
  RUN_NOT_FOUND: ErrorKind.NotFound,
  ILLEGAL_TRANSITION: ErrorKind.Conflict,
  CONCURRENT_UPDATE: ErrorKind.Conflict,
  SITE_NOT_ALLOWED: ErrorKind.Forbidden,
};

export class TestRunError extends DomainError {
  constructor(code: TestRunErrorCode, message: string, details: ErrorDetail[] = []) {
    super(KIND[code], code, message, details);
  }
}
