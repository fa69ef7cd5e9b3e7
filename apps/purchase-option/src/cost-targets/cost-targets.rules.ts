import { Decimal, ErrorDetail } from '@rackeval/platform';
import type { PutCostTargetsDto } from './dto/cost-targets.dto';

const TARGETS = ['maxUnitPrice', 'maxPricePerPerformanceUnit', 'maxTcoPerPerformanceUnit'] as const;
const TCO_INPUTS = ['energyPricePerKwh', 'pue', 'horizonYears'] as const;

/**
 * The rules between fields (each field's own shape is the DTO's): at least one target; the TCO's
 * energy price, PUE and horizon all or none, and the TCO target only with them; a unit for the
 * per-performance targets; PUE 1–5; horizon above 0 and at most 30 years. Every broken rule is listed.
 */
export function costTargetsProblems(body: PutCostTargetsDto): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!TARGETS.some((field) => body[field] !== undefined)) {
    problems.push({ field: 'maxUnitPrice', message: `set at least one of ${TARGETS.join(', ')}` });
  }
  const given = TCO_INPUTS.filter((field) => body[field] !== undefined);
  if (given.length && given.length < TCO_INPUTS.length) {
    for (const field of TCO_INPUTS.filter((f) => body[f] === undefined)) {
      problems.push({ field, message: `required with ${given.join(' and ')}: the TCO needs the energy price, PUE and horizon together` });
    }
  }
  if (body.maxTcoPerPerformanceUnit !== undefined && !given.length) {
    problems.push({ field: 'maxTcoPerPerformanceUnit', message: 'needs energyPricePerKwh, pue and horizonYears to compute the TCO' });
  }
  if ((body.maxPricePerPerformanceUnit !== undefined || body.maxTcoPerPerformanceUnit !== undefined) && !body.performanceUnit) {
    problems.push({ field: 'performanceUnit', message: 'required with a per-performance-unit target (e.g. tokens/s)' });
  }
  if (body.pue !== undefined && !between(body.pue, '1', '5')) problems.push({ field: 'pue', message: 'must be between 1 and 5' });
  if (body.horizonYears !== undefined && (Decimal.parse(body.horizonYears).isZero() || !between(body.horizonYears, '0', '30'))) {
    problems.push({ field: 'horizonYears', message: 'must be more than 0 and at most 30' });
  }
  for (const field of TARGETS) {
    const value = body[field];
    if (value !== undefined && Decimal.parse(value).isZero()) problems.push({ field, message: 'must be more than 0' });
  }
  return problems;
}

function between(value: string, min: string, max: string): boolean {
  const decimal = Decimal.parse(value);
  return decimal.compare(Decimal.parse(min)) >= 0 && decimal.compare(Decimal.parse(max)) <= 0;
}
