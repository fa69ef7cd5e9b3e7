import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimal, ApiNullable } from '@rackeval/platform';
import type { CostTargetName, CostVerdict, OptionValue, ValueFigure, ValueStatus } from '../option-value.rules';

const TARGET_NAMES: CostTargetName[] = [
  'maxUnitPrice',
  'maxPricePerPerformanceUnit',
  'maxTcoPerPerformanceUnit',
  'domesticContentTargetPct',
];
const VERDICTS: CostVerdict[] = ['MEETS', 'MISSES'];
const STATUSES: ValueStatus[] = ['JUDGED', 'INCOMPLETE', 'NO_TARGETS'];

export class ValueFigureView implements ValueFigure {
  @ApiDecimal({ nullable: true, example: '1250000.00', description: 'null when a fact it needs is missing (see `missing`)' }) value:
    string | null;
  @ApiProperty({ example: 'USD' }) unit: string;
  @ApiProperty({ type: 'string', enum: [...TARGET_NAMES, null], nullable: true }) targetName: CostTargetName | null;
  @ApiDecimal({ nullable: true, example: '1300000.00' }) target: string | null;
  @ApiNullable(Boolean, { description: 'judged on the rounded value shown; null without a target or with a fact missing' }) met:
    boolean | null;
  @ApiNullable(String, { example: 'the evaluation has not concluded' }) missing: string | null;
}

export class UnjudgedTargetView {
  @ApiProperty({ enum: TARGET_NAMES, enumName: 'CostTargetName' }) target: CostTargetName;
  @ApiProperty() reason: string;
}

export class ValueView implements OptionValue {
  @ApiProperty({
    enum: STATUSES,
    enumName: 'ValueStatus',
    description:
      'JUDGED: every target set was checked (or one was missed); INCOMPLETE: a fact a target needs is missing, so no verdict yet; NO_TARGETS: no active cost targets for the generation',
  })
  status: ValueStatus;
  @ApiProperty({
    type: 'string',
    enum: [...VERDICTS, null],
    nullable: true,
    description: 'MISSES when any target is missed; MEETS when all are met; null with status INCOMPLETE or NO_TARGETS',
  })
  costVerdict: CostVerdict | null;
  @ApiProperty({ enum: TARGET_NAMES, enumName: 'CostTargetName', isArray: true }) missedTargets: CostTargetName[];
  @ApiProperty({ type: [UnjudgedTargetView] }) unjudgedTargets: UnjudgedTargetView[];
  @ApiNullable(Number, { description: 'the active cost-target version judged against' }) costTargetsVersion: number | null;
  @ApiNullable(String, { example: 'USD' }) currency: string | null;
  @ApiProperty({ description: 'how figures are rounded' }) rounding: string;
  @ApiNullable(String, { example: 'price + 118.4 kW × 5 y × 8760 h/y × PUE 1.25 × 0.085 USD/kWh' }) tcoBasis: string | null;
  @ApiProperty({ type: ValueFigureView, description: 'the terms price against maxUnitPrice' }) price: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'measured performance' }) performance: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'power in kW, measured in the same run as performance' }) power: ValueFigureView;
  @ApiProperty({ type: ValueFigureView }) pricePerPerformanceUnit: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'power × horizon × 8760 h × PUE × energy price' }) energyCost: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'price + energy cost' }) tco: ValueFigureView;
  @ApiProperty({ type: ValueFigureView }) tcoPerPerformanceUnit: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'sum of the BOM lines, from intake' }) bomCost: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'price − BOM cost' }) margin: ValueFigureView;
  @ApiProperty({ type: ValueFigureView, description: 'domestic content (%) against the generation’s target' })
  domesticContent: ValueFigureView;
}
