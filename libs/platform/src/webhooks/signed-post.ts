import { WEBHOOK_HEADERS, webhookSignature } from './webhook-signature';

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** One message: its JSON body, what it is about and the id the receiver dedupes by. */
export interface WebhookMessage {
  event: string;
  delivery: string;
  body: string;
  /** Names the sending service, e.g. `rackeval-results`. */
  userAgent: string;
}

/** What came of one attempt, as the delivery log records it. */
export interface WebhookAnswer {
  /** Null when no answer came (refused, timed out). */
  statusCode: number | null;
  /** Null for a 2xx answer. */
  error: string | null;
  durationMs: number;
}

/**
 * Posts one signed message and never throws: a non-2xx answer, a refused connection or a timeout
 * is an answer with an error, for the caller to log and retry. Redirects are not followed (a
 * receiver moving elsewhere is a configuration change, not something to trust silently).
 */
export async function postSignedWebhook(target: WebhookTarget, message: WebhookMessage, now: Date): Promise<WebhookAnswer> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const started = Date.now();
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': message.userAgent,
        [WEBHOOK_HEADERS.event]: message.event,
        [WEBHOOK_HEADERS.delivery]: message.delivery,
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.signature]: webhookSignature(target.secret, timestamp, message.body),
      },
      body: message.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, error: ok ? null : `receiver answered ${response.status}`, durationMs: Date.now() - started };
  } catch (error) {
    return { statusCode: null, error: (error as Error).message.slice(0, 500), durationMs: Date.now() - started };
  }
}
