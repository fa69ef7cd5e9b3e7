import { createHmac } from 'node:crypto';
import { verifyWebhookSignature, webhookBackoffMs, webhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC of "<timestamp>.<body>" under the secret', () => {
    const expected = `sha256=${createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex')}`;
    expect(webhookSignature('k', '1700000000', '{"a":1}')).toBe(expected);
  });

  it('changes with the timestamp, the body and the secret, so none can be swapped under a captured signature', () => {
    const sut = webhookSignature('k', '1700000000', '{"a":1}');
    expect(webhookSignature('k', '1700000001', '{"a":1}')).not.toBe(sut);
    expect(webhookSignature('k', '1700000000', '{"a":2}')).not.toBe(sut);
    expect(webhookSignature('other', '1700000000', '{"a":1}')).not.toBe(sut);
  });

  it('verifies what it signed and nothing else', () => {
    const signature = webhookSignature('k', '1700000000', 'body');
    expect(verifyWebhookSignature('k', '1700000000', 'body', signature)).toBe(true);
    expect(verifyWebhookSignature('k', '1700000000', 'body2', signature)).toBe(false);
    expect(verifyWebhookSignature('k', '1700000000', 'body', 'sha256=00')).toBe(false);
  });
});

describe('webhook backoff', () => {
  it('doubles the wait after each failure, capped at an hour unless told otherwise', () => {
    expect([1, 2, 3, 4].map((n) => webhookBackoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(webhookBackoffMs(20, 30_000)).toBe(3_600_000);
    expect(webhookBackoffMs(5, 1_000, 5_000)).toBe(5_000);
  });
});
