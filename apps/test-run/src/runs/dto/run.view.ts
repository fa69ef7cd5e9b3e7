import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ABORT_CAUSES, type AbortCause, RUN_STATES, type RunState } from '@rackeval/contracts';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';

export class RunTransitionView {
  @ApiProperty({ type: 'string', enum: RUN_STATES, nullable: true }) from: RunState | null;
  @ApiProperty({ enum: RUN_STATES, enumName: 'RunState' }) to: RunState;
  @ApiDateTime() at: string;
  @ApiProperty() actor: string;
  @ApiNullable(String) reason: string | null;
}

export class RunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_STATES, enumName: 'RunState' }) state: RunState;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty({ example: 'thermal-soak' }) suite: string;
  @ApiProperty() suiteName: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: "the rack's incarnation the run evaluates: 1 as first delivered, one more for each return from an RMA under its serial",
  })
  incarnation: number;
  @ApiProperty({ description: 'numbered within the incarnation' }) attempt: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty() required: boolean;
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: [String] }) metrics: string[];
  @ApiProperty() bay: string;
  @ApiProperty() site: string;
  @ApiProperty({ description: 'optimistic-lock version' }) version: number;
  @ApiDateTime() scheduledAt: string;
  @ApiProperty() scheduledBy: string;
  @ApiDateTime({ nullable: true }) startedAt: string | null;
  @ApiNullable(String) startedBy: string | null;
  @ApiDateTime({ nullable: true }) completedAt: string | null;
  @ApiNullable(String) completedBy: string | null;
  @ApiDateTime({ nullable: true }) abortedAt: string | null;
  @ApiNullable(String) abortedBy: string | null;
  @ApiNullable(String) abortReason: string | null;
  @ApiProperty({ type: 'string', enum: ABORT_CAUSES, nullable: true, description: 'set when ABORTED' }) abortCause: AbortCause | null;
  @ApiProperty({
    description: "whether this run uses up one of the suite's maxAttempts (false only when aborted for a cause other than DEVICE)",
  })
  attemptConsumed: boolean;
  @ApiPropertyOptional({ type: [RunTransitionView], description: 'on GET /v1/runs/{id} only' }) history?: RunTransitionView[];
}
