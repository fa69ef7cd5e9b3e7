import { Decimal } from '@rackeval/platform';

/** Decimal places of price per performance unit (rounded half-to-even): prices per unit can be small. */
export const PRICE_PER_UNIT_SCALE = 6;

/**
 * The exact decimal a JSON number denotes (its shortest round-trip form), e.g. 1.5e-7 → "0.00000015".
 * Evaluation figures arrive as JSON numbers; from here on they are handled as exact decimals.
 */
export function decimalFromNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const [mantissa, exponentText] = String(value).toLowerCase().split('e');
  const exponent = Number(exponentText ?? 0);
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}

/** Unit price divided by the measured performance; null when there is no positive measurement to divide by. */
export function pricePerPerformanceUnit(unitPrice: string, measuredPerformance: string | null | undefined): string | null {
  if (measuredPerformance == null) return null;
  const measured = Decimal.parse(measuredPerformance);
  if (measured.isZero() || measured.isNegative()) return null;
  return Decimal.parse(unitPrice).dividedBy(measured, PRICE_PER_UNIT_SCALE).toFixed();
}

export function domesticContentMet(pct: string, targetPct: string): boolean {
  return Decimal.parse(pct).compare(Decimal.parse(targetPct)) >= 0;
}
