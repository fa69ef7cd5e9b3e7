import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiDecimal } from '@rackeval/platform';
import { TERMS_STATUSES, TermsStatus } from '../terms-status';

export class TermsReviewView {
  @ApiProperty() approved: boolean;
  @ApiProperty({ description: 'username of the second finance or admin user' }) reviewedBy: string;
  @ApiDateTime() reviewedAt: string;
  @ApiProperty() note: string;
}

/** Which version of which generation, and where it stands: shown alike for terms and cost targets. */
export abstract class VersionStatusView {
  @ApiProperty() generation: string;
  @ApiProperty() version: number;
  @ApiProperty({
    enum: TERMS_STATUSES,
    enumName: 'TermsStatus',
    description: 'PROPOSED until another finance or admin user approves (ACTIVE) or rejects it; an older approved version is SUPERSEDED',
  })
  status: TermsStatus;
}

export class TermsView extends VersionStatusView {
  @ApiDecimal({ example: '1250000.00' }) unitPrice: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() windowDays: number;
  @ApiDecimal({ example: '1000000.00' }) approvalThreshold: string;
  @ApiProperty({ description: 'username of the proposer' }) publishedBy: string;
  @ApiDateTime({ description: 'when it was proposed' }) publishedAt: string;
  @ApiProperty({ type: TermsReviewView, nullable: true, description: 'the approval or rejection; null while PROPOSED' })
  review: TermsReviewView | null;
}
