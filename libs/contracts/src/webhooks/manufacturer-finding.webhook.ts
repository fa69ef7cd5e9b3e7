import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsPositive, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { ATTACHMENT_SUBJECTS, type AttachmentSubject, FAILURE_CLASS_PATTERN, SuspectedComponentV1 } from '../events/findings.events';
import { IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '../validation';
import { FINDING_STATES, type FindingState } from '../vocabulary/states';
import { defineWebhook } from './webhook-definition';

export const MANUFACTURER_FINDING_SCHEMA = 'rackeval.manufacturer.finding.v1';

/** What happened to a finding the manufacturer was told of: its report, then each step of its fix. */
export const MANUFACTURER_FEED_TYPES = [
  'finding.reported',
  'finding.fix-proposed',
  'finding.fix-rejected',
  'finding.verified',
  'finding.wont-fix',
] as const;
export type ManufacturerFeedType = (typeof MANUFACTURER_FEED_TYPES)[number];

/** One file of evidence: what it is and where to fetch it through the gateway (a token with a role is needed). */
export class ManufacturerEvidenceV1 {
  @IsUUID() attachmentId: string;
  /** Attached to the finding itself, or to the run that failed. */
  @IsIn(ATTACHMENT_SUBJECTS) attachedTo: AttachmentSubject;
  @IsString() @MaxLength(255) filename: string;
  @IsString() @MaxLength(127) mediaType: string;
  @IsInt() @Min(0) size: number;
  @Matches(/^[0-9a-f]{64}$/) sha256: string;
  /** Relative to the gateway, e.g. `/api/results/v1/findings/{id}/attachments/{attachmentId}`. */
  @Matches(/^\/api\/results\/v1\/(findings|runs)\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/) downloadPath: string;
}

/** The finding as it stood right after the change the delivery is about. */
export class ManufacturerFindingV1 {
  @IsUUID() id: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsOptional() @IsString() @MaxLength(64) lot?: string;
  @IsOptional() @IsUUID() runId?: string;
  /** The criterion's metric that failed, e.g. `rack.power`. */
  @IsOptional() @IsString() @MaxLength(128) criterion?: string;
  /** The FAIL diagnosis's verdict, e.g. `psu-shelf-fault`. */
  @IsOptional() @IsString() @MaxLength(128) diagnosis?: string;
  @IsString() @MaxLength(500) title: string;
  @IsOptional() @Matches(FAILURE_CLASS_PATTERN) failureClass?: string;
  /** The suspected BOM line: part number, and supplier and country of origin when the rack's BOM is known. */
  @IsOptional() @ValidateNested() @Type(() => SuspectedComponentV1) component?: SuspectedComponentV1;
  @IsIn(FINDING_STATES) state: FindingState;
  /** The RMA (the manufacturer's number) that took the rack back, once it shipped. */
  @IsOptional() @IsString() @MaxLength(64) rmaNumber?: string;
  /** Grows with every change of the finding: a receiver keeps the highest it has seen. */
  @IsInt() @IsPositive() version: number;
}

/** The body of one delivery of the manufacturer's finding feed. */
export class ManufacturerFindingFeedV1 {
  @IsIn([MANUFACTURER_FINDING_SCHEMA]) schema: typeof MANUFACTURER_FINDING_SCHEMA;
  /** The same on every retry (and in X-Rackeval-Delivery): the receiver drops a repeat by it. */
  @IsUUID() eventId: string;
  @IsIn(MANUFACTURER_FEED_TYPES) type: ManufacturerFeedType;
  @IsUtcTimestamp() occurredAt: string;
  /** What the person said with the change: the fix proposed, why it was rejected, why it won't be fixed. */
  @IsOptional() @IsString() @MaxLength(4000) note?: string;
  @ValidateNested() @Type(() => ManufacturerFindingV1) finding: ManufacturerFindingV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ManufacturerEvidenceV1) evidence: ManufacturerEvidenceV1[];
}

export const ManufacturerFindingFeed = defineWebhook({
  id: 'manufacturerFindingFeed',
  name: MANUFACTURER_FINDING_SCHEMA,
  producer: 'results',
  payload: ManufacturerFindingFeedV1,
  events: MANUFACTURER_FEED_TYPES,
  deliveryId: 'the eventId of the body',
  summary: 'Findings reported to the manufacturer, and afterwards each step of their fix, as signed HTTP POSTs.',
  description: [
    'results POSTs one JSON body per change to MANUFACTURER_WEBHOOK_URL (empty: the feed is off): a finding reported',
    'to the manufacturer (finding.reported), and afterwards its fix proposed, rejected or verified, or its closing',
    "without a fix (finding.wont-fix); a finding closed before it was reported is not sent. Each body carries the finding's",
    'evidence with download paths relative to the gateway.',
    '',
    'Signature: X-Rackeval-Signature is `sha256=` and the hex HMAC-SHA256 of `<X-Rackeval-Timestamp>.<raw body>` under',
    'MANUFACTURER_WEBHOOK_SECRET; compare in constant time and refuse an old timestamp (replay).',
    '',
    'Delivery: any 2xx answer accepts the body; anything else, a refused connection or a timeout is retried with',
    'doubling backoff up to MANUFACTURER_WEBHOOK_MAX_ATTEMPTS, then given up (an admin may send it again). A retry',
    "carries the same eventId, so a receiver may see a body more than once. One finding's deliveries are sent in",
    'the order of its changes: a later one waits until the earlier one was accepted or given up.',
  ].join('\n'),
});
