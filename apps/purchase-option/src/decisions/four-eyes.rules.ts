import { Decimal } from '@rackeval/platform';

/** Four-eyes applies strictly above the threshold: a price equal to it needs no second approver. */
export function exceedsThreshold(unitPrice: string, approvalThreshold: string): boolean {
  return Decimal.parse(unitPrice).compare(Decimal.parse(approvalThreshold)) > 0;
}
