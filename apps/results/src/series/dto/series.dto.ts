import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';

export const MAX_BUCKETS = 2000;

/** The optional `buckets` query parameter of a drawn series: a whole number from 1 to MAX_BUCKETS, 400 when left out. */
export const BucketsQuery = (description: string) =>
  // Listed bottom-up, the order stacked decorators run in, so the checks (and their messages) keep their order.
  applyDecorators(
    Max(MAX_BUCKETS),
    Min(1),
    IsInt(),
    Type(() => Number),
    IsOptional(),
    ApiPropertyOptional({ description, minimum: 1, maximum: MAX_BUCKETS, default: 400 }),
  );

export class SeriesQuery {
  @ApiProperty({ description: 'The metric to draw', example: 'rack.power' })
  @IsString()
  @Length(1, 128)
  metric: string;

  @BucketsQuery("Time buckets (about the chart's width in pixels)")
  buckets?: number;

  @ApiPropertyOptional({ description: "Only this component's samples" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  component?: string;
}

export class SeriesBucketView {
  @ApiProperty() index: number;
  @ApiDateTime({ description: 'Start of the bucket' }) from: string;
  @ApiDateTime({ description: 'End of the bucket' }) to: string;
  @ApiProperty({ description: 'Lowest sample in the bucket, in the series unit' }) min: number;
  @ApiProperty() max: number;
  @ApiProperty() mean: number;
  @ApiProperty() count: number;
  @ApiDateTime() first: string;
  @ApiDateTime() last: string;
}

export class SeriesView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() metric: string;
  @ApiNullable(String) unit: string | null;
  @ApiProperty({ description: 'Samples summarised (current ones: not superseded by a correction)' }) samples: number;
  @ApiProperty() bucketsRequested: number;
  @ApiDateTime({ nullable: true, description: "First sample's time" }) from: string | null;
  @ApiDateTime({ nullable: true, description: "Last sample's time" }) to: string | null;
  @ApiProperty({ type: [SeriesBucketView], description: 'Non-empty buckets in time order' }) buckets: SeriesBucketView[];
}
