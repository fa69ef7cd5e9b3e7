import { DomainError, ErrorDetail, ErrorKind } from '@rackeval/platform';

export enum ServiceAccountErrorCode {
  SERVICE_ACCOUNT_NOT_FOUND = 'SERVICE_ACCOUNT_NOT_FOUND',
  SERVICE_ACCOUNT_NAME_TAKEN = 'SERVICE_ACCOUNT_NAME_TAKEN',
  SERVICE_ACCOUNT_REVOKED = 'SERVICE_ACCOUNT_REVOKED',
  SERVICE_ACCOUNT_ROLE_TOO_BROAD = 'SERVICE_ACCOUNT_ROLE_TOO_BROAD',
  SERVICE_ACCOUNT_EXPIRY_INVALID = 'SERVICE_ACCOUNT_EXPIRY_INVALID',
  SERVICE_ACCOUNTS_UNAVAILABLE = 'SERVICE_ACCOUNTS_UNAVAILABLE',
}

const KIND: Record<ServiceAccountErrorCode, ErrorKind> = {
  SERVICE_ACCOUNT_NOT_FOUND: ErrorKind.NotFound,
  SERVICE_ACCOUNT_NAME_TAKEN: ErrorKind.Conflict,
  SERVICE_ACCOUNT_REVOKED: ErrorKind.Conflict,
  SERVICE_ACCOUNT_ROLE_TOO_BROAD: ErrorKind.DomainRule,
  SERVICE_ACCOUNT_EXPIRY_INVALID: ErrorKind.BadInput,
  SERVICE_ACCOUNTS_UNAVAILABLE: ErrorKind.NotFound,
};

export class ServiceAccountError extends DomainError {
  constructor(code: ServiceAccountErrorCode, message: string, details: ErrorDetail[] = []) {
    super(KIND[code], code, message, details);
  }
}
