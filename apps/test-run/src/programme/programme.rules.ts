import { Decimal } from '@rackeval/platform';

/** part ÷ whole as a percentage with 2 decimals (half to even); null when there is no whole. */
export function sharePct(part: string, whole: string): string | null {
  const denominator = Decimal.parse(whole);
  if (denominator.isZero()) return null;
  return Decimal.parse(part).times(Decimal.of(100)).dividedBy(denominator, 2).toFixed(2);
}

/** Seconds (as a decimal string) to hours with 2 decimals. */
export function hours(seconds: string): string {
  return Decimal.parse(seconds).dividedBy(Decimal.of(3600), 2).toFixed(2);
}

export const DAY_MS = 86_400_000;

/** The utilisation window: the last `days` days up to `now`. */
export function windowOf(now: Date, days: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}
