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
  if (firstPass > passed || passed > concluded) throw new Error(`inconsistent counts: ${firstPass} first pass, ${passed} passed, ${concluded} concluded`);
  return {
    evaluations: { concluded, passed, failed: concluded - passed, passRatePct: sharePct(passed, concluded) },
    firstPassYield: { firstPass, concluded, pct: sharePct(firstPass, concluded) },
  };
}
