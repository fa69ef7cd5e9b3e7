// Shapes and vocabularies come from the client generated from the services' OpenAPI documents.
export * from '@rackeval/api-client';
export type { Session } from '../auth/session-store';
export { ApiError, isNotFound, NetworkError } from './api-error';
export { onUnauthorised } from './http';
export { authApi } from './auth-api';
export { intakeApi, type DeliveryDetail, type IntakeAttachment } from './intake-api';
export { testRunApi } from './test-run-api';
export { resultsApi, type FeedDelivery, type FeedDeliveryPage, type FeedDeliveryState } from './results-api';
export { purchaseOptionApi } from './purchase-option-api';
export { uploadWithProgress, type UploadProgress } from './upload';
