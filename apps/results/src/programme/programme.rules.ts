import { Decimal } from '@rackeval/platform';

/** part ÷ whole as a percentage with 2 decimals (half to even); null when there is no whole. */
export function sharePct(part: number, whole: number): string | null {
  if (whole === 0) return null;
  return Decimal.of(part).times(Decimal.of(100)).dividedBy(Decimal.of(whole), 2).toFixed(2);
}

/** Evaluation pass rate and first-pass yield from the counts of concluded evaluations. */
export function evaluationFigures(row: { concluded: number; passed: number; first_pass: number } | undefined) {
  const concluded = row?.concluded ?? 0;
  const passed = row?.passed ?? 0;
  const firstPass = row?.first_pass ?? 0;
  if (firstPass > passed || passed > concluded)
    throw new Error(`inconsistent counts: ${firstPass} first pass, ${passed} passed, ${concluded} concluded`);
  return {
    evaluations: { concluded, passed, failed: concluded - passed, passRatePct: sharePct(passed, concluded) },
    firstPassYield: { firstPass, concluded, pct: sharePct(firstPass, concluded) },
  };
}

/** How many lots, and how many suppliers, each generation's failures by origin name (the unknown origin comes on top). */
export const ORIGINS_SHOWN = 20;

export interface OriginCounts {
  origin: string | null;
  concluded: number;
  failed: number;
  failedRuns: number;
}

export interface OriginFailureFigures extends OriginCounts {
  failureRatePct: string | null;
}

/** a before b when a's failed ÷ concluded is higher (exact: cross-multiplied); no rate last. */
const byRate = (a: OriginCounts, b: OriginCounts) => {
  if (!a.concluded || !b.concluded) return (a.concluded ? 0 : 1) - (b.concluded ? 0 : 1);
  return b.failed * a.concluded - a.failed * b.concluded;
};

/**
 * Failures by lot or by supplier within one generation. The unit is the rack: of the racks whose
 * evaluation concluded, how many failed (their latest verdict), so a lot of 40 and a lot of 400
 * compare by rate, and a rack that failed a suite twice before failing counts once. The runs
 * judged FAIL (every attempt, racks still in evaluation too) come beside it: they show a lot whose
 * racks fail suites and pass on a retry. Most failed racks first, then the higher rate, more
 * failed runs, name; only the first `shown` named origins, then the racks whose origin results has
 * not learnt (null) when there are any.
 */
export function originFailures(counts: readonly OriginCounts[], shown = ORIGINS_SHOWN): OriginFailureFigures[] {
  const named = counts
    .filter((row) => row.origin !== null)
    .sort((a, b) => b.failed - a.failed || byRate(a, b) || b.failedRuns - a.failedRuns || a.origin!.localeCompare(b.origin!))
    .slice(0, shown);
  const unknown = counts.filter((row) => row.origin === null);
  return [...named, ...unknown].map((row) => ({ ...row, failureRatePct: sharePct(row.failed, row.concluded) }));
}
