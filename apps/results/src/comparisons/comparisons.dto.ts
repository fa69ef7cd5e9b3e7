import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_NAME_PATTERN } from '@rackeval/contracts';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsUUID, Matches } from 'class-validator';

export class GenerationComparisonQuery {
  @ApiProperty({ example: 'training.tokens_per_s' }) @Matches(METRIC_NAME_PATTERN) metric: string;
  @ApiPropertyOptional({ description: 'comma-separated generation codes; all by default', example: 'G1,G2' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @Matches(/^[A-Z][A-Z0-9-]{0,15}$/, { each: true })
  generation?: string[];
}

export class RunComparisonQuery {
  @ApiProperty() @IsUUID() left: string;
  @ApiProperty() @IsUUID() right: string;
}
