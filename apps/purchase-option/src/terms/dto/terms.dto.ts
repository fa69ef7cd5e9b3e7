import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCurrencyCode, IsDecimalString } from '@rackeval/contracts';

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
