export { postSignedWebhook, type WebhookAnswer, type WebhookMessage, type WebhookTarget } from './signed-post';
export { verifyWebhookSignature, WEBHOOK_HEADERS, webhookBackoffMs, webhookSignature } from './webhook-signature';
export { WebhookAttemptView } from './webhook-attempt.view';
export { webhookDeliveryTable, type WebhookAttemptEntry, type WebhookDeliveryTableShape } from './webhook-delivery-table';
