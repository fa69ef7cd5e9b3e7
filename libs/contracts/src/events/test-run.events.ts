import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { byRackSerial, defineEvent } from '../registry/event-definition';
import { Topics } from '../topics';
import { IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '../validation';

export const SUITE_KEY_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;
export const METRIC_NAME_PATTERN = /^[a-z][a-z0-9_.-]{0,127}$/;

export class TestSuiteV1 {
  @Matches(SUITE_KEY_PATTERN) key: string;
  @IsString() @MaxLength(120) name: string;
  @IsBoolean() required: boolean;
  @IsInt() @IsPositive() maxAttempts: number;
  @IsArray() @IsString({ each: true }) @Matches(METRIC_NAME_PATTERN, { each: true }) metrics: string[];
}

export class TestPlanPublishedV1 {
  @IsGenerationCode() generation: string;
  @IsInt() @Min(1) version: number;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => TestSuiteV1) suites: TestSuiteV1[];
  @IsUtcTimestamp() publishedAt: string;
}

/** Everything downstream needs to know about a run, carried on every run event. */
export class RunFactV1 {
  @IsUUID() runId: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @Matches(SUITE_KEY_PATTERN) suite: string;
  @IsInt() @IsPositive() attempt: number;
  /** The rack's incarnation the run evaluates (added 2026-11-30: absent means 1); attempts count within it. */
  @IsOptional() @IsInt() @IsPositive() incarnation?: number;
  @IsInt() @IsPositive() maxAttempts: number;
  @IsBoolean() required: boolean;
  @IsInt() @IsPositive() planVersion: number;
  @IsArray() @IsString({ each: true }) metrics: string[];
  @IsString() @MaxLength(32) bay: string;
  @IsString() @MaxLength(64) site: string;
  @IsUtcTimestamp() occurredAt: string;
  @IsString() @MaxLength(120) actor: string;
}

/**
 * Why a run was aborted. Only DEVICE (the rack itself misbehaved) uses up an attempt; a facility
 * trip, an operator's call or a hold on the rack leaves the attempt for a new run.
 */
export const ABORT_CAUSES = ['FACILITY', 'OPERATOR', 'HOLD', 'DEVICE'] as const;
export type AbortCause = (typeof ABORT_CAUSES)[number];
export const abortConsumesAttempt = (cause: AbortCause): boolean => cause === 'DEVICE';

export class RunAbortedV1 extends RunFactV1 {
  @IsString() @MaxLength(2000) reason: string;
  /** Absent on events written before causes existed: those were DEVICE (every abort used an attempt). */
  @IsOptional() @IsIn(ABORT_CAUSES) cause?: AbortCause;
  /** Whether this abort counts toward maxAttempts (test-run decides; absent means true, as before causes). */
  @IsOptional() @IsBoolean() attemptConsumed?: boolean;
}

export class RunStartedV1 extends RunFactV1 {
  /** True for the rack's first run ever: intake moves the rack to IN_EVALUATION. */
  @IsOptional() @IsBoolean() firstRunOfRack?: boolean;
}

export const TestPlanPublished = defineEvent({
  type: 'rackeval.test-run.test-plan.published.v1',
  topic: Topics.testRunRuns,
  payload: TestPlanPublishedV1,
  summary: "A new version of a generation's test plan: suites, required, maxAttempts, metrics.",
  subjectOf: (data) => data.generation,
});

export const RunScheduled = defineEvent({
  type: 'rackeval.test-run.run.scheduled.v1',
  topic: Topics.testRunRuns,
  payload: RunFactV1,
  summary: 'A run of one suite was scheduled for a rack in a bay.',
  subjectOf: byRackSerial,
});

export const RunStarted = defineEvent({
  type: 'rackeval.test-run.run.started.v1',
  topic: Topics.testRunRuns,
  payload: RunStartedV1,
  summary: 'A run started; measurements may now be logged against it.',
  subjectOf: byRackSerial,
});

export const RunCompleted = defineEvent({
  type: 'rackeval.test-run.run.completed.v1',
  topic: Topics.testRunRuns,
  payload: RunFactV1,
  summary: 'A run completed; results judges it against the criteria in force when it started.',
  subjectOf: byRackSerial,
});

export const RunAborted = defineEvent({
  type: 'rackeval.test-run.run.aborted.v1',
  topic: Topics.testRunRuns,
  payload: RunAbortedV1,
  summary: 'A run was aborted, with its cause; only a DEVICE abort counts toward maxAttempts (attemptConsumed).',
  subjectOf: byRackSerial,
});
