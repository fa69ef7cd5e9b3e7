export * from './api-errors.decorator';
export * from './api-property';
export * from './error-response.view';
export * from './openapi-document';
export * from './page-of';
export * from './api-idempotency-key.decorator';
