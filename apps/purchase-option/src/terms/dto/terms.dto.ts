import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCurrencyCode, IsDecimalString, IsGenerationCode } from '@rackeval/contracts';
import { TERMS_STATUSES, TermsStatus } from '../terms-status';

export class GenerationParam {
  @ApiProperty({ example: 'G2' }) @IsGenerationCode() generation: string;
}

export class TermsVersionParam extends GenerationParam {
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class TermsApprovalDto {
  @ApiProperty({ description: 'true makes the proposed version ACTIVE; false REJECTED (the active version stays)' })
  @IsBoolean()
  approve: boolean;

  @ApiProperty({ description: 'The reviewer’s reason, kept with the decision' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note: string;
}

export class PutTermsDto {
  @ApiProperty({ example: '1250000.00', description: 'Price of one rack, exact decimal string' })
  @IsDecimalString({ scale: 2 })
  unitPrice: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217; also the currency of approvalThreshold' })
  @IsCurrencyCode()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an upper-case ISO 4217 code such as USD' })
  currency: string;

  @ApiProperty({ example: 30, description: 'Days after the evaluation verdict the option stays open; 0 lapses at the next sweep' })
  @IsInt()
  @Min(0)
  @Max(3650)
  windowDays: number;

  @ApiProperty({ example: '1000000.00', description: 'Exercising above this unit price needs a second finance approver' })
  @IsDecimalString({ scale: 2 })
  approvalThreshold: string;
}

export class GetTermsQuery {
  @ApiPropertyOptional({ description: 'A past version; the latest by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class TermsReviewView {
  @ApiProperty() approved: boolean;
  @ApiProperty({ description: 'username of the second finance or admin user' }) reviewedBy: string;
  @ApiProperty() reviewedAt: string;
  @ApiProperty() note: string;
}

export class TermsView {
  @ApiProperty() generation: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: TERMS_STATUSES, description: 'PROPOSED until another finance or admin user approves (ACTIVE) or rejects it; an older approved version is SUPERSEDED' })
  status: TermsStatus;
  @ApiProperty({ example: '1250000.00' }) unitPrice: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() windowDays: number;
  @ApiProperty({ example: '1000000.00' }) approvalThreshold: string;
  @ApiProperty({ description: 'username of the proposer' }) publishedBy: string;
  @ApiProperty({ description: 'when it was proposed' }) publishedAt: string;
  @ApiProperty({ type: TermsReviewView, nullable: true, description: 'the approval or rejection; null while PROPOSED' })
  review: TermsReviewView | null;
}
