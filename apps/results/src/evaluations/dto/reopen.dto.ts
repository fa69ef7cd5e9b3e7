import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUITE_KEY_PATTERN } from '@rackeval/contracts';
import { IsText } from '@rackeval/platform';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ReopenEvaluationDto {
  @ApiProperty({ example: 'burn-in failures traced to a mis-wired PDU in bay 3' }) @IsText({ min: 3, max: 2000 }) reason: string;
  @ApiProperty({ minimum: 1, maximum: 10, description: 'new attempts each re-opened suite gets, counted from its next attempt' })
  @IsInt()
  @Min(1)
  @Max(10)
  extraAttempts: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'suites to decide again; by default the failed suites of a FAILED evaluation, the required suites of a PASSED one',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @Matches(SUITE_KEY_PATTERN, { each: true })
  suites?: string[];
}
