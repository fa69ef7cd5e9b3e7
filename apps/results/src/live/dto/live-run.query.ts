import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_BUCKETS } from '../../series/dto/series.dto';

export class LiveRunQuery {
  @ApiPropertyOptional({ description: 'Time buckets per metric (about the chart\'s width in pixels)', minimum: 1, maximum: MAX_BUCKETS, default: 400 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BUCKETS)
  buckets?: number;
}
