import { ApiProperty } from '@nestjs/swagger';
import { OPTION_STATES, OptionState } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal, ApiNullable } from '@rackeval/platform';

export class OptionStateCount {
  @ApiProperty({ enum: OPTION_STATES, enumName: 'OptionState' }) state: OptionState;
  @ApiProperty() count: number;
}

/** A sum of unit prices in one currency, exact; options under terms in another currency are summed apart. */
export class MoneyTotal {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiDecimal({ example: '9000000.00' }) amount: string;
  @ApiProperty({ description: 'options summed' }) options: number;
}

export class ExposureFigures {
  @ApiProperty({ type: [MoneyTotal], description: 'exercisable and pending approval together' }) total: MoneyTotal[];
  @ApiProperty({ type: [MoneyTotal] }) exercisable: MoneyTotal[];
  @ApiProperty({ type: [MoneyTotal] }) pendingApproval: MoneyTotal[];
}

export class ActivePrice {
  @ApiProperty({ description: 'the active (approved) terms version' }) termsVersion: number;
  @ApiDecimal({ example: '3000000.00' }) unitPrice: string;
  @ApiProperty({ example: 'USD' }) currency: string;
}

export class CostTargetFigures {
  @ApiProperty({ description: 'the active (approved) cost-targets version' }) version: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiNullable(String, { example: 'tokens/s' }) performanceUnit: string | null;
  @ApiDecimal({ nullable: true }) maxUnitPrice: string | null;
  @ApiDecimal({ nullable: true }) maxPricePerPerformanceUnit: string | null;
  @ApiDecimal({ nullable: true }) maxTcoPerPerformanceUnit: string | null;
}

export class DaysToVerdict {
  @ApiProperty({ description: 'options whose rack has an evaluation verdict' }) verdicts: number;
  @ApiNullable(Number, {
    example: 12.5,
    description: 'median days from the rack being received to its evaluation verdict (interpolated), 2 decimals',
  })
  medianDays: number | null;
  @ApiNullable(Number, { example: 21, description: '90th percentile of the same, 2 decimals' }) p90Days: number | null;
}

/** Percentiles are nearest rank (an actual option's figure, exact). */
export class PerUnitSpread {
  @ApiProperty({ description: 'options with the figure (price, evaluation performance and same-run power known)' }) count: number;
  @ApiDecimal({ nullable: true }) p10: string | null;
  @ApiDecimal({ nullable: true }) median: string | null;
  @ApiDecimal({ nullable: true }) p90: string | null;
  @ApiDecimal({ nullable: true, description: 'the cost target (a maximum); null when not set' }) target: string | null;
}

/**
 * The value side of the generation: every option whose evaluation concluded, judged against the
 * active cost targets as its evidence's value section judges it (see option-value.rules.ts).
 */
export class ValueFigures {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiNullable(String, { example: 'tokens/s', description: 'the performance unit of the targets' }) performanceUnit: string | null;
  @ApiProperty({ description: 'options with a concluded evaluation' }) evaluated: number;
  @ApiProperty({ description: 'cost verdict MEETS' }) meets: number;
  @ApiProperty({ description: 'cost verdict MISSES' }) misses: number;
  @ApiProperty({ description: 'no cost verdict: a target could not be judged' }) incomplete: number;
  @ApiDecimal({ nullable: true, example: '81.25', description: 'meets ÷ (meets + misses), percent, 2 decimals' }) costVerdictPassRatePct:
    string | null;
  @ApiProperty({ type: PerUnitSpread, description: 'TCO per performance unit' }) tcoPerPerformanceUnit: PerUnitSpread;
  @ApiDecimal({ nullable: true, description: 'median price per performance unit' }) medianPricePerPerformanceUnit: string | null;
  @ApiDecimal({ nullable: true, description: 'its target (a maximum)' }) pricePerPerformanceUnitTarget: string | null;
}

export class OptionGenerationFigures {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() options: number;
  @ApiProperty({ type: [OptionStateCount], description: 'every option state, zeros included' }) optionsByState: OptionStateCount[];
  @ApiProperty({ type: [MoneyTotal], description: 'committed spend: exercised options at their terms price, per currency' })
  committedSpend: MoneyTotal[];
  @ApiProperty({ type: ExposureFigures, description: 'what finance could still be asked to pay: exercisable + pending approval' })
  exposure: ExposureFigures;
  @ApiProperty({ type: ActivePrice, nullable: true, description: 'the price options open at now; null before terms are approved' })
  price: ActivePrice | null;
  @ApiProperty({ type: CostTargetFigures, nullable: true, description: 'the approved cost targets; null before any' })
  costTargets: CostTargetFigures | null;
  @ApiProperty({ type: DaysToVerdict }) daysToVerdict: DaysToVerdict;
  @ApiProperty({ type: ValueFigures, nullable: true, description: 'null while the generation has no approved cost targets' })
  value: ValueFigures | null;
}

export class PurchaseOptionProgrammeView {
  @ApiDateTime({ description: 'when the figures were computed: they are kept as a read model, recomputed when older than a few seconds' })
  asOf: string;
  @ApiProperty({ type: [OptionGenerationFigures], description: 'ordered by generation code' }) generations: OptionGenerationFigures[];
}
