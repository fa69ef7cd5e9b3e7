import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import { RUN_STATES, type RunState } from '@rackeval/contracts';

/** What results knows of a run (learnt from test-run's events) and whether it takes measurements now. */
export class ResultsRunView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty() suite: string;
  @ApiProperty() attempt: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty() required: boolean;
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: [String] }) metrics: string[];
  @ApiProperty({ enum: RUN_STATES, enumName: 'RunState' }) state: RunState;
  @ApiNullable(Number) criteriaVersion: number | null;
  @ApiDateTime({ nullable: true }) startedAt: string | null;
  @ApiDateTime({ nullable: true }) endedAt: string | null;
  @ApiProperty() acceptsMeasurements: boolean;
}
