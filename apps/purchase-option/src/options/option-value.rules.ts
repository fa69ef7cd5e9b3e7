import { Decimal } from '@rackeval/platform';
import type { StoredFigure } from './option.entity';

/** Money (price, energy cost, TCO, BOM cost, margin) is rounded half-to-even to cents. */
export const MONEY_SCALE = 2;
/** Ratios (per performance unit) are rounded half-to-even to 6 decimal places: a price per token/s can be small. */
export const RATIO_SCALE = 6;
export const HOURS_PER_YEAR = 8760;
export const VALUE_ROUNDING =
  'money half-to-even to 2 decimal places; ratios per performance unit half-to-even to 6 decimal places; ' +
  'energy cost and TCO are computed exactly and rounded once; each target is judged on the rounded figure shown';

export type CostTargetName = 'maxUnitPrice' | 'maxPricePerPerformanceUnit' | 'maxTcoPerPerformanceUnit' | 'domesticContentTargetPct';
export type CostVerdict = 'MEETS' | 'MISSES';
/** JUDGED: every target set was checked; INCOMPLETE: a fact a target needs is missing; NO_TARGETS: the generation has no active cost targets. */
export type ValueStatus = 'JUDGED' | 'INCOMPLETE' | 'NO_TARGETS';

/** The active cost-target version a value is judged against (null targets are not set). */
export interface CostTargetsInput {
  version: number;
  currency: string;
  performanceUnit: string | null;
  maxUnitPrice: string | null;
  maxPricePerPerformanceUnit: string | null;
  energyPricePerKwh: string | null;
  pue: string | null;
  horizonYears: string | null;
  maxTcoPerPerformanceUnit: string | null;
}

export interface ValueInputs {
  /** The option's terms price, or null while the generation has none. */
  price: { amount: string; currency: string } | null;
  /** Null until the evaluation concluded. */
  evaluation: { performance: StoredFigure | null; performanceRunPower: StoredFigure | null } | null;
  bom: { cost: string; currency: string };
  domesticContent: { pct: string; targetPct: string };
  targets: CostTargetsInput | null;
}

export interface ValueFigure {
  value: string | null;
  unit: string;
  /** Which target applies, when one does. */
  targetName: CostTargetName | null;
  target: string | null;
  /** true/false when judged; null when there is no target or a fact is missing. */
  met: boolean | null;
  /** Why `value` (or the judgement) is missing. */
  missing: string | null;
}

export interface OptionValue {
  status: ValueStatus;
  costVerdict: CostVerdict | null;
  missedTargets: CostTargetName[];
  /** Targets set but not judged, with the missing fact. */
  unjudgedTargets: Array<{ target: CostTargetName; reason: string }>;
  costTargetsVersion: number | null;
  currency: string | null;
  rounding: string;
  /** How the TCO is made, with the figures used. */
  tcoBasis: string | null;
  price: ValueFigure;
  performance: ValueFigure;
  power: ValueFigure;
  pricePerPerformanceUnit: ValueFigure;
  energyCost: ValueFigure;
  tco: ValueFigure;
  tcoPerPerformanceUnit: ValueFigure;
  bomCost: ValueFigure;
  margin: ValueFigure;
  domesticContent: ValueFigure;
}

type Fact = { value: Decimal; missing?: undefined } | { value?: undefined; missing: string };
const fact = (value: Decimal): Fact => ({ value });
const lacking = (missing: string): Fact => ({ missing });

/**
 * The value section of an option's evidence: price, measured performance and power (from the same
 * run), the per-performance and cost-of-ownership figures, BOM cost and margin, each against its
 * target, and one cost verdict naming the targets missed.
 *
 * TCO = price + power (kW) × horizon years × 8760 h × PUE × energy price per kWh.
 * A figure whose fact is missing says why (`missing`); it is never guessed. MISSES when any
 * target is missed; otherwise INCOMPLETE (no verdict) while any target cannot be judged.
 */
export function valueOf(inputs: ValueInputs): OptionValue {
  const { targets } = inputs;
  const currency = targets?.currency.trim() ?? inputs.price?.currency.trim() ?? null;
  const price = priceFact(inputs, currency);
  const performance = performanceFact(inputs);
  const power = powerFact(inputs);
  const perfUnit = inputs.evaluation?.performance?.unit ?? targets?.performanceUnit ?? 'performance unit';
  const unitMismatch =
    targets?.performanceUnit && inputs.evaluation?.performance && inputs.evaluation.performance.unit !== targets.performanceUnit
      ? `targets are per ${targets.performanceUnit}; performance was measured in ${inputs.evaluation.performance.unit}`
      : undefined;

  const pricePerUnit = ratio(price, performance);
  const energy = energyCost(power, targets);
  const tco =
    price.value && energy.value ? fact(price.value.plus(energy.value).round(MONEY_SCALE)) : lacking(price.missing ?? energy.missing!);
  const tcoPerUnit = ratio(tco, performance);
  const bomCost = fact(Decimal.parse(inputs.bom.cost).round(MONEY_SCALE));
  const margin = marginFact(inputs, price);
  const money = currency ?? inputs.bom.currency.trim();

  const figures = {
    price: judged(price, money, 'maxUnitPrice', targets?.maxUnitPrice, 'lte'),
    performance: judged(performance, perfUnit),
    power: judged(power, 'kW'),
    pricePerPerformanceUnit: judged(
      pricePerUnit,
      `${money} per ${perfUnit}`,
      'maxPricePerPerformanceUnit',
      targets?.maxPricePerPerformanceUnit,
      'lte',
      unitMismatch,
    ),
    energyCost: judged(energy, money),
    tco: judged(tco, money),
    tcoPerPerformanceUnit: judged(
      tcoPerUnit,
      `${money} per ${perfUnit}`,
      'maxTcoPerPerformanceUnit',
      targets?.maxTcoPerPerformanceUnit,
      'lte',
      unitMismatch,
    ),
    bomCost: judged(bomCost, inputs.bom.currency.trim()),
    margin: judged(margin, money),
    domesticContent: judged(
      fact(Decimal.parse(inputs.domesticContent.pct)),
      '%',
      'domesticContentTargetPct',
      inputs.domesticContent.targetPct,
      'gte',
    ),
  };
  const tcoBasis =
    targets?.energyPricePerKwh && targets.pue && targets.horizonYears
      ? `price + ${power.value ? power.value.toFixed() : '?'} kW × ${targets.horizonYears} y × ${HOURS_PER_YEAR} h/y × PUE ${targets.pue} × ${targets.energyPricePerKwh} ${targets.currency.trim()}/kWh`
      : null;

  const base = { costTargetsVersion: targets?.version ?? null, currency, rounding: VALUE_ROUNDING, tcoBasis, ...figures };
  if (!targets) return { status: 'NO_TARGETS', costVerdict: null, missedTargets: [], unjudgedTargets: [], ...base };
  const set = Object.values(figures).filter((f) => f.targetName && f.target !== null);
  const missedTargets = set.filter((f) => f.met === false).map((f) => f.targetName!);
  const unjudgedTargets = set.filter((f) => f.met === null).map((f) => ({ target: f.targetName!, reason: f.missing ?? 'not judged' }));
  const costVerdict = missedTargets.length ? 'MISSES' : unjudgedTargets.length ? null : 'MEETS';
  return {
    status: unjudgedTargets.length && !missedTargets.length ? 'INCOMPLETE' : 'JUDGED',
    costVerdict,
    missedTargets,
    unjudgedTargets,
    ...base,
  };
}

function priceFact(inputs: ValueInputs, currency: string | null): Fact {
  if (!inputs.price) return lacking('the generation has no active terms, so no price');
  if (currency && inputs.price.currency.trim() !== currency) {
    return lacking(`the price is in ${inputs.price.currency.trim()}; the cost targets are in ${currency}`);
  }
  return fact(Decimal.parse(inputs.price.amount).round(MONEY_SCALE));
}

function performanceFact(inputs: ValueInputs): Fact {
  const performance = inputs.evaluation?.performance;
  if (!inputs.evaluation) return lacking('the evaluation has not concluded');
  if (!performance) return lacking('the evaluation has no performance criterion');
  if (performance.measured == null) return lacking(performance.note ?? `${performance.metric} has no measured value`);
  const value = Decimal.parse(performance.measured);
  if (value.isZero() || value.isNegative()) return lacking(`${performance.metric} measured ${performance.measured}; nothing to divide by`);
  return fact(value);
}

function powerFact(inputs: ValueInputs): Fact {
  if (!inputs.evaluation) return lacking('the evaluation has not concluded');
  const power = inputs.evaluation.performanceRunPower;
  if (!power) return lacking('the evaluation does not say what power was measured in its performance run');
  if (power.measured == null) return lacking(power.note ?? `${power.metric} has no measured value in the performance run`);
  return fact(Decimal.parse(power.measured));
}

function energyCost(power: Fact, targets: CostTargetsInput | null): Fact {
  if (!targets?.energyPricePerKwh || !targets.pue || !targets.horizonYears)
    return lacking('the cost targets give no energy price, PUE and horizon');
  if (!power.value) return lacking(power.missing!);
  const energy = power.value
    .times(Decimal.parse(targets.horizonYears))
    .times(Decimal.of(HOURS_PER_YEAR))
    .times(Decimal.parse(targets.pue))
    .times(Decimal.parse(targets.energyPricePerKwh));
  return fact(energy.round(MONEY_SCALE));
}

function marginFact(inputs: ValueInputs, price: Fact): Fact {
  if (!price.value) return lacking(price.missing!);
  const priceCurrency = inputs.price!.currency.trim();
  if (inputs.bom.currency.trim() !== priceCurrency)
    return lacking(`the BOM is costed in ${inputs.bom.currency.trim()}; the price is in ${priceCurrency}`);
  return fact(price.value.minus(Decimal.parse(inputs.bom.cost)).round(MONEY_SCALE));
}

function ratio(numerator: Fact, performance: Fact): Fact {
  if (!numerator.value) return lacking(numerator.missing!);
  if (!performance.value) return lacking(performance.missing!);
  return fact(numerator.value.dividedBy(performance.value, RATIO_SCALE));
}

function judged(
  figure: Fact,
  unit: string,
  targetName?: CostTargetName,
  target?: string | null,
  comparator?: 'lte' | 'gte',
  cannotJudge?: string,
): ValueFigure {
  const value = figure.value ? figure.value.toFixed() : null;
  const hasTarget = targetName !== undefined && target != null;
  let met: boolean | null = null;
  if (hasTarget && figure.value && !cannotJudge) {
    const comparison = figure.value.compare(Decimal.parse(target));
    met = comparator === 'lte' ? comparison <= 0 : comparison >= 0;
  }
  return {
    value,
    unit,
    targetName: hasTarget ? targetName : null,
    target: hasTarget ? target : null,
    met,
    missing: figure.missing ?? (hasTarget && cannotJudge ? cannotJudge : null),
  };
}
