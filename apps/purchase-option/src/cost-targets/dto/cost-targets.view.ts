import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiDecimal, ApiNullable } from '@rackeval/platform';
import { TermsReviewView, VersionStatusView } from '../../terms/dto/terms.view';

export class CostTargetsVersionView extends VersionStatusView {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiNullable(String, { example: 'tokens/s' }) performanceUnit: string | null;
  @ApiDecimal({ nullable: true, example: '1300000.00' }) maxUnitPrice: string | null;
  @ApiDecimal({ nullable: true, example: '60' }) maxPricePerPerformanceUnit: string | null;
  @ApiDecimal({ nullable: true, example: '0.085' }) energyPricePerKwh: string | null;
  @ApiDecimal({ nullable: true, example: '1.25' }) pue: string | null;
  @ApiDecimal({ nullable: true, example: '5' }) horizonYears: string | null;
  @ApiDecimal({ nullable: true, example: '70' }) maxTcoPerPerformanceUnit: string | null;
  @ApiNullable(String) note: string | null;
  @ApiProperty({ description: 'username of the proposer' }) proposedBy: string;
  @ApiDateTime() proposedAt: string;
  @ApiProperty({ type: TermsReviewView, nullable: true, description: 'the approval or rejection; null while PROPOSED' })
  review: TermsReviewView | null;
}

export class CostTargetsView {
  @ApiProperty() generation: string;
  @ApiProperty({
    type: CostTargetsVersionView,
    nullable: true,
    description: 'the version options are judged against; null while none is approved',
  })
  active: CostTargetsVersionView | null;
  @ApiProperty({ type: [CostTargetsVersionView], description: 'every version, newest first' })
  versions: CostTargetsVersionView[];
}
