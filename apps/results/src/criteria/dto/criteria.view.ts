import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARATORS, type Comparator } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';
import type { CriteriaVersionView as CriteriaVersion } from '../criteria.repository';
import { CATEGORIES } from './criteria.dto';
import { AGGREGATIONS, type Aggregation } from '../../verdicts/aggregation';
import type { CriterionRule } from '../../verdicts/judge';

export class CriterionView implements CriterionRule {
  @ApiProperty({ example: 'training.tokens_per_s' }) metric: string;
  @ApiProperty({ example: 'tokens/s' }) unit: string;
  @ApiProperty({ enum: COMPARATORS, enumName: 'Comparator' }) comparator: Comparator;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiProperty() required: boolean;
  /** Stored only from the validated list (CriterionDto). */
  @ApiProperty({ enum: CATEGORIES, enumName: 'CriterionCategory' }) category: string;
  @ApiProperty({ enum: AGGREGATIONS, enumName: 'Aggregation' }) aggregation: Aggregation;
}

export class CriteriaVersionView implements CriteriaVersion {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() version: number;
  @ApiDateTime() createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
}
