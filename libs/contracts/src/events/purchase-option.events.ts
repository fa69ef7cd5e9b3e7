import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { byRackSerial, defineEvent } from '../registry/event-definition';
import { Topics } from '../topics';
import { IsCurrencyCode, IsDecimalString, IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '../validation';
import { OPTION_STATES, type OptionState } from '../vocabulary/states';

export class OptionFactV1 {
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsInt() @Min(1) termsVersion: number;
  @IsDecimalString({ scale: 2 }) unitPrice: string;
  @IsCurrencyCode() currency: string;
  @IsUtcTimestamp() occurredAt: string;
  @IsString() @MaxLength(120) actor: string;
}

export class OptionEndedV1 extends OptionFactV1 {
  @IsString() @MaxLength(4000) rationale: string;
  @IsOptional() @IsString() @MaxLength(4000) waiver?: string;
  @IsOptional() @IsString() @MaxLength(120) approvedBy?: string;
  /** The state the option ended from; PENDING_EVALUATION means it ended before any verdict. */
  @IsOptional() @IsIn(OPTION_STATES) from?: OptionState;
}

export class OptionStateChangedV1 extends OptionFactV1 {
  @IsIn(OPTION_STATES) from: OptionState;
  @IsIn(OPTION_STATES) to: OptionState;
  @IsOptional() @IsUtcTimestamp() expiresAt?: string;
  @IsString() @MaxLength(4000) reason: string;
}

export const OptionExercised = defineEvent({
  type: 'rackeval.purchase-option.option.exercised.v1',
  topic: Topics.purchaseOptions,
  payload: OptionEndedV1,
  summary: 'Finance exercised the option: the lab buys the rack.',
  subjectOf: byRackSerial,
});

export const OptionDeclined = defineEvent({
  type: 'rackeval.purchase-option.option.declined.v1',
  topic: Topics.purchaseOptions,
  payload: OptionEndedV1,
  summary: 'Finance declined the option: the rack goes back.',
  subjectOf: byRackSerial,
});

export const OptionLapsed = defineEvent({
  type: 'rackeval.purchase-option.option.lapsed.v1',
  topic: Topics.purchaseOptions,
  payload: OptionEndedV1,
  summary: 'The option window closed without a decision: the rack goes back.',
  subjectOf: byRackSerial,
});

export const OptionWithdrawn = defineEvent({
  type: 'rackeval.purchase-option.option.withdrawn.v1',
  topic: Topics.purchaseOptions,
  payload: OptionEndedV1,
  summary: 'The option ended because intake withdrew or returned the rack before any purchase.',
  subjectOf: byRackSerial,
});

export const OptionStateChanged = defineEvent({
  type: 'rackeval.purchase-option.option.state-changed.v1',
  topic: Topics.purchaseOptions,
  payload: OptionStateChangedV1,
  summary: 'Any transition of a purchase option: from, to, who and why.',
  subjectOf: byRackSerial,
});
