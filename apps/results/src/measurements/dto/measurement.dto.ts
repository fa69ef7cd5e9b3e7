import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRIC_NAME_PATTERN } from '@rackeval/contracts';
import { IsText, IsUtcInstant, PageQuery } from '@rackeval/platform';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNumber, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

export const MAX_BATCH = 10_000;
/** 1-32 characters, no whitespace and no control characters (so no NUL). */
export const UNIT_PATTERN = /^[^\s\p{Cc}]{1,32}$/u;

/**
 * One sample. The hot route validates these with `parseMeasurementBatch` (a hand-compiled check,
 * ~100× faster than class-validator on 10,000 items); this class documents the same shape for
 * OpenAPI and a unit test holds both to the same verdicts.
 */
export class MeasurementDto {
  @ApiProperty({ example: 'rack.power' }) @IsString() @Matches(METRIC_NAME_PATTERN) metric: string;
  @ApiProperty({ example: 41.7 }) @IsNumber({ allowNaN: false, allowInfinity: false }) value: number;
  @ApiProperty({ example: 'kW' }) @IsString() @Matches(UNIT_PATTERN) unit: string;
  @ApiPropertyOptional({ example: 'gpu3' }) @IsOptional() @IsText({ max: 128 }) component?: string;
  @ApiPropertyOptional({ example: '2026-11-20T10:00:00Z' }) @IsOptional() @IsUtcInstant() observedAt?: string;
}

export class MeasurementBatchDto {
  @ApiProperty({ type: [MeasurementDto], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  measurements: MeasurementDto[];
}

export class CorrectionDto {
  @ApiProperty({ description: 'metric whose current values are superseded' }) @IsString() @Matches(METRIC_NAME_PATTERN) metric: string;
  @ApiPropertyOptional({ description: 'only the values of this component' }) @IsOptional() @IsText({ max: 128 }) component?: string;
  @ApiProperty({ example: 'PDU 2 was mis-calibrated by +3 %' }) @IsText({ min: 3, max: 2000 }) reason: string;
  @ApiProperty({ type: [MeasurementDto], description: 'replacement values (may be empty to withdraw)' })
  @IsArray()
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  measurements: MeasurementDto[];
}

export class MeasurementListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(METRIC_NAME_PATTERN) metric?: string;
  @ApiPropertyOptional({ description: 'include values superseded by corrections (the full history)', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeSuperseded = false;
}
