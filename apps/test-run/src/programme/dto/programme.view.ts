import { ApiProperty } from '@nestjs/swagger';
import { ABORT_CAUSES, type AbortCause, RUN_STATES, type RunState } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal } from '@rackeval/platform';

export class RunStateCount {
  @ApiProperty({ enum: RUN_STATES, enumName: 'RunState' }) state: RunState;
  @ApiProperty() count: number;
}

export class AbortCount {
  @ApiProperty({ example: 'coolant loop pressure alarm', description: 'the reason given when aborting' }) reason: string;
  @ApiProperty() count: number;
}

export class AbortCauseCount {
  @ApiProperty({ enum: ABORT_CAUSES, enumName: 'AbortCause' }) cause: AbortCause;
  @ApiProperty() count: number;
}

export class AbortFigures {
  @ApiProperty() total: number;
  @ApiProperty({ type: [AbortCauseCount], description: 'every cause, zeros included; only DEVICE aborts use up an attempt' })
  byCause: AbortCauseCount[];
  @ApiProperty({ description: 'aborts that used up an attempt (cause DEVICE)' }) attemptsUsed: number;
  @ApiProperty({ type: [AbortCount], description: 'the ten most frequent reasons, most frequent first' }) byReason: AbortCount[];
}

/**
 * Bay utilisation over the window: the bay-time held by runs ÷ the bay-time available. A run holds
 * its bay from scheduling until it completes or is aborted (no other run may be scheduled there);
 * it occupies it from its start. Available bay-time counts each bay from its creation (or the window's
 * start) to the window's end. Intervals are clipped to the window.
 */
export class BayUtilisation {
  @ApiDecimal({ example: '62.40', description: 'held ÷ available bay-time, percent, 2 decimals; null without bays', nullable: true })
  heldPct: string | null;
  @ApiDecimal({ example: '48.10', description: 'running ÷ available bay-time, percent, 2 decimals; null without bays', nullable: true })
  runningPct: string | null;
  @ApiDecimal({ example: '1240.50', description: 'bay-hours held by runs in the window, 2 decimals' }) heldBayHours: string;
}

export class TestRunGenerationFigures {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() runs: number;
  @ApiProperty({ type: [RunStateCount], description: 'every run state, zeros included' }) runsByState: RunStateCount[];
  @ApiProperty({ type: AbortFigures }) aborts: AbortFigures;
  @ApiProperty({ type: BayUtilisation, description: "this generation's runs' share of all bays' time" }) bayUtilisation: BayUtilisation;
}

export class UtilisationWindow {
  @ApiDateTime() from: string;
  @ApiDateTime() to: string;
  @ApiProperty({ example: 30 }) days: number;
  @ApiProperty({ description: 'bays in service at the end of the window' }) bays: number;
  @ApiDecimal({ example: '21600.00', description: 'bay-hours available in the window' }) availableBayHours: string;
}

export class TestRunProgrammeView {
  @ApiDateTime({ description: 'when the figures were computed: they are kept as a read model, recomputed when older than a few seconds' })
  asOf: string;
  @ApiProperty({ type: UtilisationWindow }) window: UtilisationWindow;
  @ApiProperty({ type: BayUtilisation, description: 'all generations together' }) bayUtilisation: BayUtilisation;
  @ApiProperty({ type: [TestRunGenerationFigures], description: 'ordered by generation code' }) generations: TestRunGenerationFigures[];
}
