import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSPECTION_OUTCOMES, InspectionOutcome } from '@rackeval/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { STANDARD_CHECKS } from '../inspection-checklist.rules';

/** The standard checks (those that apply follow the generation's cooling); further checks may be added by name. */
export { STANDARD_CHECKS };

export class InspectionCheckDto {
  @ApiProperty({
    example: 'coolant-leak-test',
    description: `standard: ${STANDARD_CHECKS.join(', ')} (no coolant-leak-test on an air-cooled rack); others are extra checks`,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name: string;
  @ApiProperty() @IsBoolean() passed: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class InspectRackDto {
  @ApiProperty({ type: [InspectionCheckDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InspectionCheckDto)
  checks: InspectionCheckDto[];
  @ApiProperty({ enum: INSPECTION_OUTCOMES }) @IsIn(INSPECTION_OUTCOMES) outcome: InspectionOutcome;
  @ApiPropertyOptional({ description: 'why quarantined or rejected; defaults to the failed checks' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export class ReturnRackDto {
  @ApiProperty({ example: 'failed thermal soak; manufacturer collects on 2026-12-02' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}
