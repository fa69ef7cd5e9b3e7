import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { byRackSerial, defineEvent } from '../registry/event-definition';
import { Topics } from '../topics';
import { IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '../validation';

export const COMPARATORS = ['gte', 'lte', 'between'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const VERDICTS = ['PASS', 'FAIL'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const EVALUATION_OUTCOMES = ['PASSED', 'FAILED'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export class CriterionResultV1 {
  @IsString() metric: string;
  @IsString() unit: string;
  @IsIn(COMPARATORS) comparator: Comparator;
  @IsOptional() @IsNumber() min?: number;
  @IsOptional() @IsNumber() max?: number;
  @IsOptional() @IsNumber() measured?: number;
  @IsIn(VERDICTS) result: Verdict;
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class RunVerdictV1 {
  @IsUUID() runId: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsString() suite: string;
  @IsInt() @IsPositive() attempt: number;
  @IsInt() @Min(1) criteriaVersion: number;
  @IsIn(VERDICTS) verdict: Verdict;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CriterionResultV1) criteria: CriterionResultV1[];
  @IsUtcTimestamp() occurredAt: string;
  /** 1 for the verdict at completion; higher when measurements logged in the grace period re-judged the run. */
  @IsOptional() @IsInt() @IsPositive() revision?: number;
  /** Why the run failed as a whole when no criterion says it, e.g. its suite matched no required criterion. */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** A headline figure beside its target, e.g. measured training throughput against the generation's goal. */
export class FigureV1 {
  @IsString() metric: string;
  @IsString() unit: string;
  @IsOptional() @IsNumber() measured?: number;
  @IsOptional() @IsNumber() target?: number;
  /** The plan suite whose run measured the figure (performance, and the power measured beside it). */
  @IsOptional() @IsString() @MaxLength(200) suite?: string;
  /** Why the figure has no measured value, e.g. no power measured in the run that measured performance. */
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RackEvaluationCompletedV1 {
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsIn(EVALUATION_OUTCOMES) outcome: EvaluationOutcome;
  @IsInt() @Min(0) criteriaMet: number;
  @IsInt() @Min(0) criteriaTotal: number;
  @IsOptional() @ValidateNested() @Type(() => FigureV1) performance?: FigureV1;
  @IsOptional() @ValidateNested() @Type(() => FigureV1) power?: FigureV1;
  @IsOptional() @ValidateNested() @Type(() => FigureV1) performancePerWatt?: FigureV1;
  /** Power measured in the same run as `performance`, in kW: what performance per watt and the cost of ownership use. */
  @IsOptional() @ValidateNested() @Type(() => FigureV1) performanceRunPower?: FigureV1;
  @IsArray() @IsString({ each: true }) failedSuites: string[];
  @IsUtcTimestamp() occurredAt: string;
  /** 1 for the first verdict; each conclusion after a re-open is the next revision (absent means 1). */
  @IsOptional() @IsInt() @IsPositive() revision?: number;
  /** The rack's incarnation the verdict is about (added 2026-11-30: absent means 1); see RackReturnedFromRma. */
  @IsOptional() @IsInt() @IsPositive() incarnation?: number;
}

/** Why an evaluation was re-opened: an admin's decision, or a measurement correction that changed its outcome. */
export const REOPEN_CAUSES = ['ADMIN', 'CORRECTION'] as const;
export type ReopenCause = (typeof REOPEN_CAUSES)[number];

/** A suite the re-opened evaluation re-decides: only attempts from `fromAttempt` count, up to `attemptLimit`. */
export class ReopenedSuiteV1 {
  @IsString() suite: string;
  @IsInt() @IsPositive() fromAttempt: number;
  @IsInt() @IsPositive() attemptLimit: number;
}

export class RackEvaluationReopenedV1 {
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  /** The verdict revision that was re-opened; the next conclusion is revision + 1. */
  @IsInt() @IsPositive() revision: number;
  @IsIn(EVALUATION_OUTCOMES) previousOutcome: EvaluationOutcome;
  @IsIn(REOPEN_CAUSES) cause: ReopenCause;
  @IsString() @MaxLength(2000) reason: string;
  @IsInt() @Min(0) extraAttempts: number;
  /** The rack's incarnation whose evaluation was re-opened (added 2026-11-30: absent means 1). */
  @IsOptional() @IsInt() @IsPositive() incarnation?: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReopenedSuiteV1) suites: ReopenedSuiteV1[];
  @IsString() @MaxLength(120) actor: string;
  @IsUtcTimestamp() occurredAt: string;
}

export const RunVerdictRecorded = defineEvent({
  type: 'rackeval.results.run.verdict-recorded.v1',
  topic: Topics.resultsEvaluations,
  payload: RunVerdictV1,
  summary: 'A completed run was judged: per criterion, the measured figure against its target.',
  subjectOf: byRackSerial,
});

export const RackEvaluationCompleted = defineEvent({
  type: 'rackeval.results.rack.evaluation-completed.v1',
  topic: Topics.resultsEvaluations,
  payload: RackEvaluationCompletedV1,
  summary: "A rack's evaluation concluded with the summary finance needs (again, as the next revision, after a re-open).",
  subjectOf: byRackSerial,
});

export const RackEvaluationReopened = defineEvent({
  type: 'rackeval.results.rack.evaluation-reopened.v1',
  topic: Topics.resultsEvaluations,
  payload: RackEvaluationReopenedV1,
  summary:
    'A concluded evaluation was re-opened while its option had not ended: intake puts the rack back in evaluation, test-run allows the extra attempts, purchase-option returns the option to PENDING_EVALUATION.',
  subjectOf: byRackSerial,
});
