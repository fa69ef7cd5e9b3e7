import { Decimal } from '@rackeval/platform';
import type { MoneyTotal } from './dto/programme.view';

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
