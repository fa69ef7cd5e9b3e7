import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ARTIFACT_RECORD_KINDS, type ArtifactRecordKind } from '../../ocptv/ocptv.parser';

export const ARTIFACT_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL', 'PASS', 'FAIL', 'UNKNOWN'] as const;

const list = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

export class RunArtifactQuery {
  @ApiPropertyOptional({
    description: 'Kinds to list, comma-separated (all when absent)',
    enum: ARTIFACT_RECORD_KINDS,
    isArray: true,
    example: 'LOG,ERROR',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(ARTIFACT_RECORD_KINDS, { each: true, message: `kind must be one of ${ARTIFACT_RECORD_KINDS.join(', ')}` })
  kind?: ArtifactRecordKind[];

  @ApiPropertyOptional({
    description:
      'Log severities (DEBUG, INFO, WARNING, ERROR, FATAL; an error artifact is ERROR) or diagnosis types (PASS, FAIL, UNKNOWN), comma-separated',
    enum: ARTIFACT_LEVELS,
    isArray: true,
    example: 'WARNING,ERROR,FATAL',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(ARTIFACT_LEVELS, { each: true, message: `level must be one of ${ARTIFACT_LEVELS.join(', ')}` })
  level?: string[];

  @ApiPropertyOptional({ description: "List artifacts after this id (the previous page's nextAfter)", minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
