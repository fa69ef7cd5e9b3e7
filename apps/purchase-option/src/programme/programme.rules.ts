import { Decimal } from '@rackeval/platform';
import type { MoneyTotal, ValueFigures } from './dto/programme.view';
import type { ValueRow } from './programme-value.repository';

/** Adds money totals per currency, exactly; never adds one currency to another. Sorted by currency. */
export function sumByCurrency(totals: readonly MoneyTotal[]): MoneyTotal[] {
  const byCurrency = new Map<string, { amount: Decimal; options: number }>();
  for (const total of totals) {
    const sum = byCurrency.get(total.currency) ?? { amount: Decimal.zero(2), options: 0 };
    byCurrency.set(total.currency, { amount: sum.amount.plus(Decimal.parse(total.amount)), options: sum.options + total.options });
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => ({ currency, amount: sum.amount.toFixed(2), options: sum.options }));
}

/** Cost-verdict pass rate: of the options judged (MEETS or MISSES), the share that meets; unjudged ones are left out. */
export function costVerdictPassRatePct(meets: number, misses: number): string | null {
  const judged = meets + misses;
  return judged === 0 ? null : Decimal.of(meets).times(Decimal.of(100)).dividedBy(Decimal.of(judged), 2).toFixed(2);
}

const exact = (value: string | null) => (value === null ? null : Decimal.parse(value).toFixed());

export function valueFigures(row: ValueRow | undefined, currency: string): ValueFigures {
  return {
    currency: row?.currency.trim() ?? currency.trim(),
    performanceUnit: row?.unit ?? null,
    evaluated: row?.evaluated ?? 0,
    meets: row?.meets ?? 0,
    misses: row?.misses ?? 0,
    incomplete: row?.incomplete ?? 0,
    costVerdictPassRatePct: costVerdictPassRatePct(row?.meets ?? 0, row?.misses ?? 0),
    tcoPerPerformanceUnit: {
      count: row?.tco_count ?? 0,
      p10: exact(row?.tco_p10 ?? null),
      median: exact(row?.tco_median ?? null),
      p90: exact(row?.tco_p90 ?? null),
      target: exact(row?.tco_target ?? null),
    },
    medianPricePerPerformanceUnit: exact(row?.ppu_median ?? null),
    pricePerPerformanceUnitTarget: exact(row?.ppu_target ?? null),
  };
}
