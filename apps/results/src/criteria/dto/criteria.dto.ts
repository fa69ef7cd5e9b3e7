import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARATORS, type Comparator, METRIC_NAME_PATTERN } from '@rackeval/contracts';
import { IntParam } from '@rackeval/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { UNIT_PATTERN } from '../../measurements/dto/measurement.dto';
import { AGGREGATIONS, type Aggregation } from '../../verdicts/aggregation.rules';
import { CATEGORIES, type Category } from './criterion-category';
import { DiagnosisCriterionDto } from './diagnosis-criterion.dto';

export { CATEGORIES, type Category } from './criterion-category';

const finite = { allowNaN: false, allowInfinity: false };

export class CriterionDto {
  @ApiProperty({ example: 'training.tokens_per_s' }) @Matches(METRIC_NAME_PATTERN) metric: string;
  @ApiProperty({ example: 'tokens/s' })
  @IsString()
  @Matches(UNIT_PATTERN, { message: '$property must be 1-32 characters without spaces or control characters' })
  unit: string;
  @ApiProperty({ enum: COMPARATORS }) @IsIn(COMPARATORS) comparator: Comparator;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) min?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber(finite) max?: number;
  @ApiProperty() @IsBoolean() required: boolean;
  @ApiProperty({ enum: CATEGORIES, enumName: 'CriterionCategory' }) @IsIn(CATEGORIES) category: Category;
  @ApiPropertyOptional({ enum: AGGREGATIONS, description: 'default: mean for gte and between, max for lte' })
  @IsOptional()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;
}

export class PutCriteriaDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({
    type: [DiagnosisCriterionDto],
    description: "criteria on the runs' OCPTV diagnoses, judged beside the metric criteria",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DiagnosisCriterionDto)
  diagnosisCriteria?: DiagnosisCriterionDto[];
}

export class CriteriaQuery {
  @ApiPropertyOptional({ description: 'a past version; the latest by default' })
  @IsOptional()
  @IntParam({ min: 1 })
  version?: number;
}
