import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime } from '@rackeval/platform';
import type { RackEvaluationView as RackEvaluation } from '../evaluations.service';
import type { SuiteProgress, SuiteStatus } from '../rack-evaluation';

const SUITE_STATUSES: SuiteStatus[] = ['PASSED', 'FAILED', 'IN_PROGRESS', 'NOT_STARTED'];

export class FigureView {
  @ApiProperty() metric: string;
  @ApiProperty() unit: string;
  @ApiPropertyOptional() measured?: number;
  @ApiPropertyOptional() target?: number;
  @ApiPropertyOptional({ description: 'the plan suite whose deciding run measured it' }) suite?: string;
  @ApiPropertyOptional({ description: 'why the figure has no measured value' }) note?: string;
}

export class SuiteProgressView implements SuiteProgress {
  @ApiProperty() suite: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ enum: SUITE_STATUSES, enumName: 'SuiteStatus' }) status: SuiteStatus;
  @ApiProperty() failedAttempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiPropertyOptional({ description: 'the passing run, or the latest failed one' }) decidingRunId?: string;
}

export class RackEvaluationView implements RackEvaluation {
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty({ enum: ['PASSED', 'FAILED', 'PENDING'], enumName: 'EvaluationOutcome' }) outcome: 'PASSED' | 'FAILED' | 'PENDING';
  @ApiDateTime({ required: false }) concludedAt?: string;
  @ApiProperty({ type: [String] }) failedSuites: string[];
  @ApiProperty({ type: [SuiteProgressView] }) suites: SuiteProgressView[];
  @ApiProperty() criteriaMet: number;
  @ApiProperty() criteriaTotal: number;
  @ApiPropertyOptional({ type: FigureView }) performance?: FigureView;
  @ApiPropertyOptional({ type: FigureView }) power?: FigureView;
  @ApiPropertyOptional({ type: FigureView, description: 'measured performance over the power measured in the same run (W)' })
  performancePerWatt?: FigureView;
  @ApiPropertyOptional({ type: FigureView, description: 'the power measured in the run that measured performance, in kW' })
  performanceRunPower?: FigureView;
}
