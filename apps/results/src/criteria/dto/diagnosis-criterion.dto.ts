import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUITE_KEY_PATTERN } from '@rackeval/contracts';
import { IsLabel } from '@rackeval/platform';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { CATEGORIES, type Category } from './criterion-category';

/**
 * A criterion on the OCPTV diagnoses of a run: no FAIL diagnosis for a symptom (or any), and
 * optionally at least one PASS. Without a matching diagnosis it fails as `missing`, as a metric
 * without samples does.
 */
export class DiagnosisCriterionDto {
  @ApiPropertyOptional({
    example: 'gpu-ecc',
    description: 'the OCPTV diagnosis `verdict` string (the symptom) the criterion looks at; absent: every diagnosis of the run',
  })
  @IsOptional()
  @IsLabel(128)
  symptom?: string;

  @ApiPropertyOptional({ example: 'gpu3', description: 'only diagnoses about this OCPTV hardwareInfoId' })
  @IsOptional()
  @IsLabel(128)
  hardwareInfoId?: string;

  @ApiPropertyOptional({ description: 'at least one PASS diagnosis must be reported (default false: no FAIL is enough)' })
  @IsOptional()
  @IsBoolean()
  requirePass?: boolean;

  @ApiPropertyOptional({ description: 'an UNKNOWN diagnosis fails the criterion like a FAIL (default false)' })
  @IsOptional()
  @IsBoolean()
  failOnUnknown?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['burn-in'], description: 'suite keys whose runs it judges; absent: every suite' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(SUITE_KEY_PATTERN, {
    each: true,
    message: 'each value in $property must be a suite key: lower-case letters, digits and -, starting with a letter',
  })
  suites?: string[];

  @ApiProperty() @IsBoolean() required: boolean;

  @ApiProperty({ enum: CATEGORIES, enumName: 'CriterionCategory' }) @IsIn(CATEGORIES) category: Category;
}
