import { Decimal } from '@rackeval/platform';
import type { OutcomeFigures } from './dto/scorecard.view';

export const outcome = (row: { racks: number; concluded: number; failed: number; failure_rate_pct: string | null }): OutcomeFigures => ({
  racks: row.racks,
  concluded: row.concluded,
  failed: row.failed,
  failureRatePct: row.failure_rate_pct,
});

/**
 * Scorecard order: the worst first. A higher failure rate comes first; at equal rates the one with
 * more concluded racks (more evidence); entries with nothing concluded yet go last; then by name.
 */
export function byFailureRate<T extends OutcomeFigures>(name: (item: T) => string) {
  return (a: T, b: T): number => {
    if ((a.failureRatePct === null) !== (b.failureRatePct === null)) return a.failureRatePct === null ? 1 : -1;
    if (a.failureRatePct !== null && b.failureRatePct !== null) {
      const rate = Decimal.parse(b.failureRatePct).compare(Decimal.parse(a.failureRatePct));
      if (rate !== 0) return rate;
    }
    if (a.concluded !== b.concluded) return b.concluded - a.concluded;
    return name(a).localeCompare(name(b));
  };
}
