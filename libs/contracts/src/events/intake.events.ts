import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { AttachmentAddedFieldsV1 } from './attachment-added.fields';
import { Topics } from '../topics';
import { IsCountryCode, IsDecimalString, IsGenerationCode, IsRackSerial, IsUtcTimestamp, RACK_SERIAL_PATTERN } from '../validation';
import { HOLDABLE_RACK_STATES, type HoldableRackState, RACK_STATES, type RackState } from '../vocabulary/states';

export const COOLING_TYPES = ['air', 'direct-liquid', 'immersion'] as const;
export type CoolingType = (typeof COOLING_TYPES)[number];

export const INSPECTION_OUTCOMES = ['ACCEPTED', 'QUARANTINED', 'REJECTED'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

export class GenerationRegisteredV1 {
  @IsGenerationCode() code: string;
  @IsString() @MaxLength(120) name: string;
  @IsIn(COOLING_TYPES) cooling: CoolingType;
  @IsDecimalString({ scale: 3 }) rackPowerBudgetKw: string;
  @IsInt() @IsPositive() gpusPerRack: number;
  @IsDecimalString({ scale: 2 }) domesticContentTargetPct: string;
  @IsUtcTimestamp() registeredAt: string;
}

/** Base fields of every rack event: which rack, which generation, when. */
export class RackFactV1 {
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsUtcTimestamp() occurredAt: string;
  @IsString() @MaxLength(120) actor: string;
}

/** A line of a rack's bill of materials as other services need it (results links findings to it). */
export class BomLineRefV1 {
  @IsString() @MaxLength(64) partNumber: string;
  @IsString() @MaxLength(40) category: string;
  @IsInt() @IsPositive() quantity: number;
  @IsString() @MaxLength(120) supplier: string;
  @IsCountryCode() countryOfOrigin: string;
}

/** Where a rack is and what its bill of materials holds: as received, and again after each correction. */
abstract class RackRecordV1 extends RackFactV1 {
  @IsString() @MaxLength(64) site: string;
  @IsString() @MaxLength(64) lot: string;
  /** Cost share of US-origin parts in the bill of materials, percent with 2 decimals. */
  @IsDecimalString({ scale: 2 }) domesticContentPct: string;
  @IsDecimalString({ scale: 2 }) domesticContentTargetPct: string;
  @IsDecimalString({ scale: 2 }) bomCost: string;
  @IsString() bomCurrency: string;
  /** The distinct suppliers of the BOM lines, sorted (added 2026-11-29: absent from older events). */
  @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(120, { each: true }) suppliers?: string[];
  /** The BOM lines (added 2026-11-29: absent from older events); results links findings to them. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => BomLineRefV1) bom?: BomLineRefV1[];
}

export class RackReceivedV1 extends RackRecordV1 {
  @IsString() @MaxLength(64) deliveryReference: string;
  /**
   * The serial this rack replaces: the manufacturer sent this unit back under an RMA in place of
   * that one, which is RETURNED (added 2026-11-30: absent on every other receipt).
   */
  @IsOptional() @IsRackSerial() replacesSerial?: string;
}

export class InspectionCheckV1 {
  @IsString() @MaxLength(80) name: string;
  @IsBoolean() passed: boolean;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RackInspectedV1 extends RackFactV1 {
  @IsString() inspectionId: string;
  @IsIn(INSPECTION_OUTCOMES) outcome: InspectionOutcome;
  @IsArray() @ValidateNested({ each: true }) @Type(() => InspectionCheckV1) checks: InspectionCheckV1[];
}

export class RackReleasedV1 extends RackFactV1 {
  @IsString() @MaxLength(64) site: string;
}

/** Quarantined, rejected and returned all carry a reason. */
export class RackReasonedFactV1 extends RackFactV1 {
  @IsString() @MaxLength(2000) reason: string;
}

/** A rack was put on hold: nothing may be scheduled for it, and its active run is aborted (cause HOLD). */
export class RackHeldV1 extends RackFactV1 {
  @IsIn(HOLDABLE_RACK_STATES) heldFrom: HoldableRackState;
  @IsString() @MaxLength(2000) reason: string;
}

/** A hold was released: the rack is back in the state it was held from (or where facts during the hold led it). */
export class RackHoldReleasedV1 extends RackFactV1 {
  @IsIn(RACK_STATES) releasedTo: RackState;
  @IsString() @MaxLength(2000) reason: string;
}

/** A rack was withdrawn from the programme (damaged in evaluation): its option ends and it awaits return. */
export class RackWithdrawnV1 extends RackFactV1 {
  @IsIn(RACK_STATES) withdrawnFrom: RackState;
  @IsString() @MaxLength(2000) reason: string;
}

export const CORRECTED_RACK_FIELDS = ['bom', 'lot', 'site'] as const;
export type CorrectedRackField = (typeof CORRECTED_RACK_FIELDS)[number];

/** A rack's record was corrected (BOM lines, lot or site) with a reason; carries the values after it, domestic content recomputed. */
export class RackCorrectedV1 extends RackRecordV1 {
  @IsArray() @IsIn(CORRECTED_RACK_FIELDS, { each: true }) changed: CorrectedRackField[];
  @IsString() @MaxLength(2000) reason: string;
}

export class RackStateChangedV1 extends RackFactV1 {
  @IsIn(RACK_STATES) from: RackState;
  @IsIn(RACK_STATES) to: RackState;
  @IsString() @MaxLength(2000) reason: string;
}

/** The manufacturer's RMA number, e.g. `RMA-2026-0042`: upper-case letters, digits, . _ / -; 3-40 characters. */
export const RMA_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{2,39}$/;
/** The most units one RMA sends back. */
export const MAX_RMA_UNITS = 100;
/** The most findings one RMA bundles. */
export const MAX_RMA_FINDINGS = 200;

/** What every event about an RMA carries: which RMA, its units and the findings (results' ids) it reports. */
export class RmaFactV1 {
  @IsUUID() rmaId: string;
  @Matches(RMA_NUMBER_PATTERN) rmaNumber: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RMA_UNITS)
  @IsString({ each: true })
  @Matches(RACK_SERIAL_PATTERN, { each: true })
  serials: string[];
  @IsArray() @ArrayMaxSize(MAX_RMA_FINDINGS) @IsUUID('all', { each: true }) findingIds: string[];
  @IsUtcTimestamp() occurredAt: string;
  @IsString() @MaxLength(120) actor: string;
}

/** An RMA was opened for racks awaiting return; they stay AWAITING_RETURN until it is shipped. */
export class RmaOpenedV1 extends RmaFactV1 {
  @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

/** The units of an RMA left for the manufacturer: each rack is now RETURNED_FOR_RMA. */
export class RmaShippedV1 extends RmaFactV1 {
  @IsUtcTimestamp() shippedAt: string;
}

/** An RMA was cancelled before shipping; its racks still await return. */
export class RmaCancelledV1 extends RmaFactV1 {
  @IsString() @MaxLength(2000) reason: string;
}

/** How a unit of an RMA came back: the same unit repaired, or another unit under the same serial. */
export const RMA_RETURN_KINDS = ['REPAIRED', 'REPLACED'] as const;
export type RmaReturnKind = (typeof RMA_RETURN_KINDS)[number];

/** The last unit of a shipped RMA came back: the RMA is RECEIVED. */
export class RmaReceivedV1 extends RmaFactV1 {
  @IsUtcTimestamp() receivedAt: string;
}

/**
 * A rack shipped under an RMA came back under its own serial, as its next **incarnation**
 * (RETURNED_FOR_RMA → RECEIVED). It is evaluated afresh: attempts start again, the evaluation
 * restarts and an ended option reopens. Carries the rack's record as it came back (a repair may
 * have changed the BOM). A unit the manufacturer replaced with a new serial is a RackReceived
 * with `replacesSerial` instead.
 */
export class RackReturnedFromRmaV1 extends RackRecordV1 {
  @IsUUID() rmaId: string;
  @Matches(RMA_NUMBER_PATTERN) rmaNumber: string;
  /** The serial's incarnation from now on: 1 is the unit as first delivered, each return adds one. */
  @IsInt() @Min(2) incarnation: number;
  @IsIn(RMA_RETURN_KINDS) kind: RmaReturnKind;
  @IsUtcTimestamp() receivedAt: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** One rack of a shipped RMA left for the manufacturer (keyed by serial, in order with the rack's other events). */
export class RackShippedForRmaV1 extends RackFactV1 {
  @IsUUID() rmaId: string;
  @Matches(RMA_NUMBER_PATTERN) rmaNumber: string;
  @IsUtcTimestamp() shippedAt: string;
}

export const GenerationRegistered = defineEvent({
  type: 'rackeval.intake.generation.registered.v1',
  topic: Topics.intakeRacks,
  payload: GenerationRegisteredV1,
  summary: 'A rack generation joined the catalogue, with its power budget and domestic-content target.',
  subjectOf: (data) => data.code,
});

export const RackReceived = defineEvent({
  type: 'rackeval.intake.rack.received.v1',
  topic: Topics.intakeRacks,
  payload: RackReceivedV1,
  summary: 'A rack arrived on site with a delivery; carries its domestic content against the target.',
  subjectOf: byRackSerial,
});

export const RackInspected = defineEvent({
  type: 'rackeval.intake.rack.inspected.v1',
  topic: Topics.intakeRacks,
  payload: RackInspectedV1,
  summary: 'An inspection was recorded for a rack, with its checklist and outcome.',
  subjectOf: byRackSerial,
});

export const RackReleased = defineEvent({
  type: 'rackeval.intake.rack.released.v1',
  topic: Topics.intakeRacks,
  payload: RackReleasedV1,
  summary: 'A rack passed inspection and may be scheduled for evaluation runs.',
  subjectOf: byRackSerial,
});

export const RackQuarantined = defineEvent({
  type: 'rackeval.intake.rack.quarantined.v1',
  topic: Topics.intakeRacks,
  payload: RackReasonedFactV1,
  summary: 'A rack was quarantined at inspection; it may be re-inspected.',
  subjectOf: byRackSerial,
});

export const RackRejected = defineEvent({
  type: 'rackeval.intake.rack.rejected.v1',
  topic: Topics.intakeRacks,
  payload: RackReasonedFactV1,
  summary: 'A rack was rejected at intake; it will be returned.',
  subjectOf: byRackSerial,
});

export const RackReturned = defineEvent({
  type: 'rackeval.intake.rack.returned.v1',
  topic: Topics.intakeRacks,
  payload: RackReasonedFactV1,
  summary: 'A rack left the programme and was returned to the manufacturer.',
  subjectOf: byRackSerial,
});

export const RackHeld = defineEvent({
  type: 'rackeval.intake.rack.held.v1',
  topic: Topics.intakeRacks,
  payload: RackHeldV1,
  summary: 'A rack was put on hold before its verdict: test-run refuses new runs for it and aborts its active run (cause HOLD).',
  subjectOf: byRackSerial,
});

export const RackHoldReleased = defineEvent({
  type: 'rackeval.intake.rack.hold-released.v1',
  topic: Topics.intakeRacks,
  payload: RackHoldReleasedV1,
  summary: 'A hold was released; the rack is back in the state it was held from.',
  subjectOf: byRackSerial,
});

export const RackWithdrawn = defineEvent({
  type: 'rackeval.intake.rack.withdrawn.v1',
  topic: Topics.intakeRacks,
  payload: RackWithdrawnV1,
  summary:
    'A rack was withdrawn (damaged in evaluation): purchase-option ends its option (WITHDRAWN), test-run aborts its active run; it awaits return.',
  subjectOf: byRackSerial,
});

export const RackCorrected = defineEvent({
  type: 'rackeval.intake.rack.corrected.v1',
  topic: Topics.intakeRacks,
  payload: RackCorrectedV1,
  summary:
    "A rack's BOM, lot or site was corrected with a reason: purchase-option updates the option's evidence (domestic content, BOM cost).",
  subjectOf: byRackSerial,
});

export const RackStateChanged = defineEvent({
  type: 'rackeval.intake.rack.state-changed.v1',
  topic: Topics.intakeRacks,
  payload: RackStateChangedV1,
  summary: 'Any lifecycle transition of a rack: from, to, who and why.',
  subjectOf: byRackSerial,
});

/** RMA events are keyed by the RMA's id: one RMA's events stay in order; each rack's own move is a RackStateChanged keyed by its serial. */
const byRmaId = (data: { rmaId: string }) => data.rmaId;

export const RmaOpened = defineEvent({
  type: 'rackeval.intake.rma.opened.v1',
  topic: Topics.intakeRacks,
  payload: RmaOpenedV1,
  summary: "An RMA (the manufacturer's return authorisation) was opened for racks awaiting return, with the findings it reports.",
  subjectOf: byRmaId,
});

export const RmaShipped = defineEvent({
  type: 'rackeval.intake.rma.shipped.v1',
  topic: Topics.intakeRacks,
  payload: RmaShippedV1,
  summary: "An RMA's units were shipped to the manufacturer: each rack moved AWAITING_RETURN → RETURNED_FOR_RMA.",
  subjectOf: byRmaId,
});

export const RmaCancelled = defineEvent({
  type: 'rackeval.intake.rma.cancelled.v1',
  topic: Topics.intakeRacks,
  payload: RmaCancelledV1,
  summary: 'An RMA was cancelled before shipping; its racks still await return.',
  subjectOf: byRmaId,
});

export const RackShippedForRma = defineEvent({
  type: 'rackeval.intake.rack.shipped-for-rma.v1',
  topic: Topics.intakeRacks,
  payload: RackShippedForRmaV1,
  summary:
    'A rack left for the manufacturer under an RMA (AWAITING_RETURN → RETURNED_FOR_RMA); a repaired or replaced unit comes back later.',
  subjectOf: byRackSerial,
});

export const RmaReceived = defineEvent({
  type: 'rackeval.intake.rma.received.v1',
  topic: Topics.intakeRacks,
  payload: RmaReceivedV1,
  summary: 'The last unit of a shipped RMA came back from the manufacturer: the RMA is RECEIVED.',
  subjectOf: byRmaId,
});

export const RackReturnedFromRma = defineEvent({
  type: 'rackeval.intake.rack.returned-from-rma.v1',
  topic: Topics.intakeRacks,
  payload: RackReturnedFromRmaV1,
  summary:
    'A rack shipped under an RMA came back under its serial as its next incarnation (RETURNED_FOR_RMA → RECEIVED): attempts, evaluation and an ended option start afresh.',
  subjectOf: byRackSerial,
});

/** What an intake attachment belongs to: a delivery (on arrival), an inspection of a rack, or an RMA. */
export const INTAKE_ATTACHMENT_OWNERS = ['DELIVERY', 'INSPECTION', 'RMA'] as const;
export type IntakeAttachmentOwner = (typeof INTAKE_ATTACHMENT_OWNERS)[number];

/**
 * A file (photo of damage on arrival, the carrier's papers, an RMA's packing list) was attached to
 * a delivery, an inspection or an RMA; the bytes are in intake's object store, named by their SHA-256.
 */
export class IntakeAttachmentAddedV1 extends AttachmentAddedFieldsV1 {
  @IsIn(INTAKE_ATTACHMENT_OWNERS) owner: IntakeAttachmentOwner;
  /** The delivery's reference, the inspection's id or the RMA's id. */
  @IsString() @MaxLength(64) ownerId: string;
  /** The inspected rack (inspections only). */
  @IsOptional() @IsRackSerial() rackSerial?: string;
}

export const IntakeAttachmentAdded = defineEvent({
  type: 'rackeval.intake.attachment.added.v1',
  topic: Topics.intakeRacks,
  payload: IntakeAttachmentAddedV1,
  summary:
    "A file was attached to a delivery, an inspection or an RMA; keyed by what it is attached to (an RMA's attachments in order with the RMA's events).",
  // The owner's id: an RMA's id keys its RMA events too; an inspection's attachment names its rack in the payload.
  subjectOf: (data) => data.ownerId,
});
