import { domainErrorOf, errorCodes, ErrorKind } from '@rackeval/platform';

export type ServiceAccountErrorCode = keyof typeof ServiceAccountErrorCode;
/** Every code the service-account routes answer with, by the kind of refusal (the kind decides the HTTP status). */
export const ServiceAccountErrorCode = errorCodes({
  [ErrorKind.BadInput]: ['SERVICE_ACCOUNT_EXPIRY_INVALID'],
  [ErrorKind.NotFound]: ['SERVICE_ACCOUNT_NOT_FOUND', 'SERVICE_ACCOUNTS_UNAVAILABLE'],
  [ErrorKind.Conflict]: ['SERVICE_ACCOUNT_NAME_TAKEN', 'SERVICE_ACCOUNT_REVOKED'],
  [ErrorKind.DomainRule]: ['SERVICE_ACCOUNT_ROLE_TOO_BROAD'],
});

/** The one exception type of the gateway's service accounts; its code decides the HTTP status. */
export class ServiceAccountError extends domainErrorOf(ServiceAccountErrorCode) {}
