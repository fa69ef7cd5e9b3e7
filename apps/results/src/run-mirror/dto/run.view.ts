import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import { RUN_STATES, type RunState } from '@rackeval/contracts';

/** What results knows of a run (learnt from test-run's events) and whether it takes measurements now. */
export class ResultsRunView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty() suite: string;
  @ApiProperty({ description: 'attempts count within the incarnation' }) attempt: number;
  @ApiProperty({ description: "the rack's incarnation the run tests: 1 as first delivered, one more for each return from an RMA" })
  incarnation: number;
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
