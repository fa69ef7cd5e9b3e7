import { ApiProperty } from '@nestjs/swagger';
import { RACK_STATES, RackState } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal, ApiNullable } from '@rackeval/platform';

export class RackStateCount {
  @ApiProperty({ enum: RACK_STATES, enumName: 'RackState' }) state: RackState;
  @ApiProperty() count: number;
}

export class DomesticContentFigures {
  @ApiDecimal({ example: '60.00', description: "the generation's target, percent" }) targetPct: string;
  @ApiDecimal({ nullable: true, example: '62.41', description: 'mean over the racks received, percent, 2 decimals' }) meanPct:
    string | null;
  @ApiDecimal({ nullable: true, example: '4.12', description: 'sample standard deviation; null below two racks' }) stddevPct: string | null;
  @ApiDecimal({ nullable: true, example: '51.20' }) minPct: string | null;
  @ApiDecimal({ nullable: true, example: '71.90' }) maxPct: string | null;
  @ApiProperty({ description: 'racks at or above the target' }) meetingTarget: number;
  @ApiDecimal({ nullable: true, example: '75.00', description: 'share of racks at or above the target, percent' }) meetingTargetPct:
    string | null;
}

export class DeliveryToReleaseFigures {
  @ApiProperty({ description: 'racks released for evaluation at least once' }) released: number;
  @ApiNullable(Number, {
    example: 1.5,
    description: 'median days from the rack being received to its first release (linear interpolation), 2 decimals',
  })
  medianDays: number | null;
  @ApiNullable(Number, { example: 3.25, description: '90th percentile of the same, 2 decimals' }) p90Days: number | null;
}

export class IntakeGenerationFigures {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'racks received' }) racks: number;
  @ApiProperty({ type: [RackStateCount], description: 'every rack state, zeros included, in lifecycle order' })
  racksByState: RackStateCount[];
  @ApiProperty({ description: 'deliveries that brought racks of this generation' }) deliveries: number;
  @ApiProperty({ type: DomesticContentFigures }) domesticContent: DomesticContentFigures;
  @ApiProperty({ type: DeliveryToReleaseFigures }) deliveryToRelease: DeliveryToReleaseFigures;
}

export class IntakeProgrammeView {
  @ApiDateTime({ description: 'when the figures were computed: they are kept as a read model, recomputed when older than a few seconds' })
  asOf: string;
  @ApiProperty({ type: [IntakeGenerationFigures], description: 'ordered by generation code' }) generations: IntakeGenerationFigures[];
}
