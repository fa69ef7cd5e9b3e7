import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';

export class GenerationFigures {
  @ApiProperty() generation: string;
  @ApiProperty() unit: string;
  @ApiProperty({ description: 'runs judged on this metric' }) runs: number;
  @ApiProperty({ description: 'runs with a measured figure' }) count: number;
  @ApiNullable(Number) min: number | null;
  @ApiNullable(Number) p50: number | null;
  @ApiNullable(Number) p90: number | null;
  @ApiNullable(Number) max: number | null;
  @ApiProperty() passed: number;
  @ApiNullable(String, { example: '87.50' }) passRatePct: string | null;
}

export class GenerationComparisonView {
  @ApiProperty() metric: string;
  @ApiDateTime({
    description:
      'when the figures were computed: they are kept as a read model and may be a few seconds old (recomputed in the background once older than 5 s, never answered older than 60 s); every metric and generation is cut from the same figures',
  })
  asOf: string;
  @ApiProperty({ type: [GenerationFigures] }) generations: GenerationFigures[];
}

export class ComparedRun {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty() suite: string;
  @ApiProperty() attempt: number;
  @ApiProperty() state: string;
}

export class RunSideView {
  @ApiProperty() unit: string;
  @ApiProperty() samples: number;
  @ApiProperty() min: number;
  @ApiProperty() mean: number;
  @ApiProperty() max: number;
  @ApiPropertyOptional({ description: 'the figure the run was judged on' }) judged?: number;
  @ApiPropertyOptional() result?: string;
}

export class RunDifferenceView {
  @ApiProperty() unit: string;
  @ApiProperty() mean: number;
  @ApiNullable(Number) meanPct: number | null;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional() judged?: number;
}

export class MetricComparison {
  @ApiProperty() metric: string;
  @ApiProperty({ type: RunSideView, nullable: true }) left: RunSideView | null;
  @ApiProperty({ type: RunSideView, nullable: true }) right: RunSideView | null;
  @ApiProperty({ type: RunDifferenceView, nullable: true, description: 'right − left in the left unit; null when units do not convert' })
  difference: RunDifferenceView | null;
}

export class RunComparisonView {
  @ApiProperty({ type: ComparedRun }) left: ComparedRun;
  @ApiProperty({ type: ComparedRun }) right: ComparedRun;
  @ApiProperty({ type: [MetricComparison] }) metrics: MetricComparison[];
}
