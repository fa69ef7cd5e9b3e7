import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const DECISIONS = ['EXERCISE', 'DECLINE'] as const;
export type Decision = (typeof DECISIONS)[number];

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision: Decision;

  @ApiProperty({ description: 'Why: kept in the audit trail and carried on the outcome event' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  rationale: string;

  @ApiPropertyOptional({ description: 'Required to exercise a rack that failed its evaluation (NOT_EXERCISABLE)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  waiver?: string;
}

export class ApprovalDto {
  @ApiProperty({ description: 'true approves the pending exercise; false rejects it back to where it was' })
  @IsBoolean()
  approve: boolean;

  @ApiProperty({ description: 'The reviewer’s reason; a rejection’s note stays on the option' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note: string;
}
