import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { byRackSerial, defineEvent } from '../registry/event-definition';
import { AttachmentAddedFieldsV1 } from './attachment-added.fields';
import { Topics } from '../topics';
import { IsCountryCode, IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '../validation';
import { FINDING_ACTIONS, type FindingAction, FINDING_STATES, type FindingState } from '../vocabulary/states';

/**
 * Where a finding came from: a failed criterion or a FAIL diagnosis of a run, or a failed check of an
 * inspection that quarantined or rejected the rack (opened automatically), or a person
 * (INSPECTION added 2026-11-30).
 */
export const FINDING_ORIGINS = ['CRITERION', 'DIAGNOSIS', 'RUN', 'MANUAL', 'INSPECTION'] as const;
export type FindingOrigin = (typeof FINDING_ORIGINS)[number];

/** The default failure-class taxonomy; a deployment may configure its own (FINDING_CLASSES in results). */
export const DEFAULT_FAILURE_CLASSES = [
  'HARDWARE_DEFECT',
  'FIRMWARE',
  'THERMAL',
  'POWER',
  'CABLING',
  'FACILITY',
  'TEST_HARNESS',
  'NOT_A_DEFECT',
] as const;
/** A failure class is an upper-case word list such as HARDWARE_DEFECT (the set itself is configuration). */
export const FAILURE_CLASS_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

/** The BOM line a finding suspects: part number, and when the rack's BOM is known, its supplier and country of origin. */
export class SuspectedComponentV1 {
  @IsString() @MaxLength(64) partNumber: string;
  @IsOptional() @IsString() @MaxLength(120) supplier?: string;
  @IsOptional() @IsCountryCode() countryOfOrigin?: string;
  @IsOptional() @IsString() @MaxLength(40) category?: string;
  /** Where in the rack, e.g. `PSU shelf 2`. */
  @IsOptional() @IsString() @MaxLength(120) location?: string;
}

export class FindingOpenedV1 {
  @IsUUID() findingId: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsOptional() @IsString() @MaxLength(64) lot?: string;
  @IsOptional() @IsUUID() runId?: string;
  @IsIn(FINDING_ORIGINS) origin: FindingOrigin;
  /** The criterion's metric that failed, e.g. `rack.power`. */
  @IsOptional() @IsString() @MaxLength(128) criterion?: string;
  /** The FAIL diagnosis's verdict, e.g. `psu-shelf-fault`. */
  @IsOptional() @IsString() @MaxLength(128) diagnosis?: string;
  /** The inspection (intake's inspectionId) whose outcome opened the finding; only on origin INSPECTION (added 2026-11-30). */
  @IsOptional() @IsString() inspectionId?: string;
  /** The inspection check that failed, e.g. `coolant-leak-test`; absent when the inspection failed with no failed check (added 2026-11-30). */
  @IsOptional() @IsString() @MaxLength(80) inspectionCheck?: string;
  @IsString() @MaxLength(500) title: string;
  @IsOptional() @ValidateNested() @Type(() => SuspectedComponentV1) component?: SuspectedComponentV1;
  @IsString() @MaxLength(120) actor: string;
  @IsUtcTimestamp() occurredAt: string;
}

/** A finding moved from one state to the next, with what the person said and decided. */
export class FindingTransitionedV1 {
  @IsUUID() findingId: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsIn(FINDING_ACTIONS) action: FindingAction;
  @IsIn(FINDING_STATES) from: FindingState;
  @IsIn(FINDING_STATES) to: FindingState;
  @IsOptional() @Matches(FAILURE_CLASS_PATTERN) failureClass?: string;
  @IsOptional() @ValidateNested() @Type(() => SuspectedComponentV1) component?: SuspectedComponentV1;
  @IsOptional() @IsString() @MaxLength(120) owner?: string;
  @IsOptional() @IsString() @MaxLength(4000) note?: string;
  /** The finding's version after the change (1 when opened). */
  @IsInt() @IsPositive() version: number;
  @IsString() @MaxLength(120) actor: string;
  @IsUtcTimestamp() occurredAt: string;
}

export const ATTACHMENT_SUBJECTS = ['FINDING', 'RUN'] as const;
export type AttachmentSubject = (typeof ATTACHMENT_SUBJECTS)[number];

/** Evidence was attached: the bytes are in results' object store, named by their SHA-256. */
export class AttachmentAddedV1 extends AttachmentAddedFieldsV1 {
  @IsIn(ATTACHMENT_SUBJECTS) subject: AttachmentSubject;
  /** The finding's or run's id. */
  @IsUUID() subjectId: string;
  @IsRackSerial() rackSerial: string;
}

export const FindingOpened = defineEvent({
  type: 'rackeval.results.finding.opened.v1',
  topic: Topics.resultsEvaluations,
  payload: FindingOpenedV1,
  summary: 'A finding was opened for a rack: by a failed criterion or FAIL diagnosis of a run, or by hand.',
  subjectOf: byRackSerial,
});

const transition = (fact: string, summary: string) =>
  defineEvent({
    type: `rackeval.results.finding.${fact}.v1`,
    topic: Topics.resultsEvaluations,
    payload: FindingTransitionedV1,
    summary,
    subjectOf: byRackSerial,
  });

export const FindingTriaged = transition('triaged', 'A finding was classified (failure class, suspected BOM line, owner).');
export const FindingReported = transition('reported', 'A finding was reported to the manufacturer with its evidence.');
export const FindingFixProposed = transition('fix-proposed', 'The manufacturer proposed a fix for a finding.');
export const FindingFixRejected = transition('fix-rejected', 'A proposed fix was not accepted; the finding is back with the manufacturer.');
export const FindingVerified = transition('verified', 'A fix was verified on the rack; the finding is closed.');
export const FindingWontFix = transition('wont-fix', 'A finding was closed without a fix, with the reason.');

export const AttachmentAdded = defineEvent({
  type: 'rackeval.results.attachment.added.v1',
  topic: Topics.resultsEvaluations,
  payload: AttachmentAddedV1,
  summary: 'A file (log, image, PDF) was attached to a finding or a run; its SHA-256 names the stored bytes.',
  subjectOf: byRackSerial,
});
