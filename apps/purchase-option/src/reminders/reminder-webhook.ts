import { postSignedWebhook, type WebhookAnswer } from '@rackeval/platform';

export type { WebhookAnswer };

/**
 * Posts one signed reminder (the signed POST is libs/platform's, shared with results' manufacturer
 * feed). Headers: X-Rackeval-Timestamp (Unix seconds), X-Rackeval-Signature
 * (sha256=HMAC-SHA256(secret, "<timestamp>.<body>") in hex), X-Rackeval-Delivery (the reminder id,
 * the same on every retry, for the receiver to drop a repeat), X-Rackeval-Event (the kind).
 */
export function postReminder(
  target: { url: string; secret: string; timeoutMs: number },
  reminder: { id: string; kind: string },
  body: string,
  now: Date,
): Promise<WebhookAnswer> {
  return postSignedWebhook(target, { event: reminder.kind, delivery: reminder.id, body, userAgent: 'rackeval-purchase-option' }, now);
}
