import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_NAME_PATTERN, SUITE_KEY_PATTERN } from '@rackeval/contracts';
import { IntParam, IsInt4, IsText } from '@rackeval/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, Matches, ValidateNested } from 'class-validator';

export class SuiteDto {
  @ApiProperty({ example: 'burn-in', pattern: SUITE_KEY_PATTERN.source })
  @Matches(SUITE_KEY_PATTERN, { message: '$property must be lower-case letters, digits and -, starting with a letter' })
  key: string;

  @ApiProperty({ example: 'Burn-in, 48 h' })
  @IsText({ max: 120 })
  name: string;

  @ApiProperty() @IsBoolean() required: boolean;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt4({ min: 1, max: 100 })
  maxAttempts: number;

  @ApiProperty({ type: [String], example: ['gpu_temp_max', 'power_draw_kw'] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(METRIC_NAME_PATTERN, { each: true, message: 'each metric must be a lower-case name (letters, digits, _ . -)' })
  metrics: string[];
}

export class PutTestPlanDto {
  @ApiProperty({ type: [SuiteDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'a test plan needs at least one suite' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SuiteDto)
  suites: SuiteDto[];
}

export class PlanVersionQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 2_147_483_647, description: 'An older version; the current one when omitted' })
  @IsOptional()
  @IntParam({ min: 1 })
  version?: number;
}
