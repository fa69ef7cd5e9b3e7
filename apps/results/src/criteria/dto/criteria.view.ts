import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARATORS, type Comparator } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';
import type { CriteriaVersionView as CriteriaVersion } from '../criteria.repository';
import { CATEGORIES } from './criteria.dto';
import { AGGREGATIONS, type Aggregation } from '../../verdicts/aggregation.rules';
import type { DiagnosisCriterionRule } from '../../verdicts/diagnosis-verdict.rules';
import type { CriterionRule } from '../../verdicts/run-verdict.rules';

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

export class DiagnosisCriterionView implements DiagnosisCriterionRule {
  @ApiPropertyOptional({ example: 'gpu-ecc', description: 'the OCPTV diagnosis verdict string it looks at; absent: every diagnosis' })
  symptom?: string;
  @ApiPropertyOptional({ example: 'gpu3', description: 'only diagnoses about this OCPTV hardwareInfoId' }) hardwareInfoId?: string;
  @ApiProperty({ description: 'at least one PASS diagnosis is needed' }) requirePass: boolean;
  @ApiProperty({ description: 'an UNKNOWN diagnosis fails it like a FAIL' }) failOnUnknown: boolean;
  @ApiPropertyOptional({ type: [String], description: 'suite keys whose runs it judges; absent: every suite' }) suites?: string[];
  @ApiProperty() required: boolean;
  @ApiProperty({ enum: CATEGORIES, enumName: 'CriterionCategory' }) category: string;
}

export class CriteriaVersionView implements CriteriaVersion {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() version: number;
  @ApiDateTime() createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty({ type: [DiagnosisCriterionView], description: "criteria on the runs' OCPTV diagnoses" })
  diagnosisCriteria: DiagnosisCriterionView[];
}
