import { signature } from './reminder.rules';

export interface WebhookAnswer {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Posts one signed reminder. Headers: X-Rackeval-Timestamp (Unix seconds), X-Rackeval-Signature
 * (sha256=HMAC-SHA256(secret, "<timestamp>.<body>") in hex), X-Rackeval-Delivery (the reminder id,
 * the same on every retry, for the receiver to drop a repeat), X-Rackeval-Event (the kind).
 */
export async function postReminder(
  target: { url: string; secret: string; timeoutMs: number },
  reminder: { id: string; kind: string },
  body: string,
  now: Date,
): Promise<WebhookAnswer> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const started = Date.now();
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'rackeval-purchase-option',
        'x-rackeval-event': reminder.kind,
        'x-rackeval-delivery': reminder.id,
        'x-rackeval-timestamp': timestamp,
        'x-rackeval-signature': signature(target.secret, timestamp, body),
      },
      body,
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
