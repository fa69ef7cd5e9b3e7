import { WEBHOOK_HEADERS } from '@rackeval/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header names, defined once with the contract that documents them (asyncapi.yaml). */
export { WEBHOOK_HEADERS };

/** Signed over "<timestamp>.<body>" so a captured body cannot be replayed under a new timestamp. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, given: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Waits base, 2×base, 4×base … before attempt n+1, capped (an hour by default). */
export function webhookBackoffMs(attemptsSoFar: number, baseMs: number, capMs = 3_600_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsSoFar - 1), capMs);
}
