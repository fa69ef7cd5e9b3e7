import { createHmac } from 'node:crypto';

export type ReminderKind = 'OPTION_EXPIRING' | 'APPROVAL_WAITING';

/** "7,1" → [{ days: 7, after: 1 }, { days: 1, after: 0 }]: each threshold covers the band down to the next smaller one, so an option gets one reminder per band. */
export function expiryBands(thresholds: string): Array<{ days: number; after: number }> {
  const days = [...new Set(thresholds.split(',').map(Number))].filter((d) => d > 0).sort((a, b) => b - a);
  return days.map((d, index) => ({ days: d, after: days[index + 1] ?? 0 }));
}

/** Waits base, 2×base, 4×base … capped at an hour, before attempt n+1. */
export function backoffMs(attemptsSoFar: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsSoFar - 1), 3_600_000);
}

/** Signed over "<timestamp>.<body>" so a captured body cannot be replayed under a new timestamp. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
