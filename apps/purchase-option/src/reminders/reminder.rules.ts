export type ReminderKind = 'OPTION_EXPIRING' | 'APPROVAL_WAITING';

/** "7,1" → [{ days: 7, after: 1 }, { days: 1, after: 0 }]: each threshold covers the band down to the next smaller one, so an option gets one reminder per band. */
export function expiryBands(thresholds: string): Array<{ days: number; after: number }> {
  const days = [...new Set(thresholds.split(',').map(Number))].filter((d) => d > 0).sort((a, b) => b - a);
  return days.map((d, index) => ({ days: d, after: days[index + 1] ?? 0 }));
}

/**
 * A failed reminder's wait before its next attempt (base, 2×base, 4×base … capped at an hour) and the
 * signature over "<timestamp>.<body>": one implementation, libs/platform's webhooks, shared with
 * results' manufacturer feed.
 */
export { webhookBackoffMs as backoffMs, webhookSignature as signature } from '@rackeval/platform';
