import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IntParam, PageQuery, WebhookAttemptView } from '@rackeval/platform';
import { IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionView } from '../../options/dto/option.view';

export class RemindersQuery {
  @ApiPropertyOptional({
    description: 'undecided options expiring within this many days (default: the largest REMINDER_EXPIRY_DAYS threshold)',
  })
  @IsOptional()
  @IntParam({ min: 0, max: 365 })
  withinDays?: number;
}

export class RemindersView {
  @ApiProperty({ description: 'the horizon used for `expiring`' }) withinDays: number;
  @ApiProperty({ description: 'badge count: expiring plus awaitingYourApproval' }) count: number;
  @ApiProperty({
    type: [OptionView],
    description: 'EXERCISABLE or NOT_EXERCISABLE options (no decision yet) expiring within withinDays, soonest first',
  })
  expiring: OptionView[];
  @ApiProperty({
    type: [OptionView],
    description: 'exercise requests waiting for approval that the caller did not make, soonest expiry first',
  })
  awaitingYourApproval: OptionView[];
  @ApiProperty({ description: 'whether a reminder webhook is configured' }) webhookEnabled: boolean;
}

export const DELIVERY_OUTCOMES = ['DELIVERED', 'RETRY', 'GAVE_UP'] as const;
export const REMINDER_STATES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const REMINDER_KINDS = ['OPTION_EXPIRING', 'APPROVAL_WAITING'] as const;

/** The reminder an attempt posted (listed before the attempt in the log's schema). */
class ReminderDeliveryHead {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'the reminder; also X-Rackeval-Delivery' }) reminderId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty({ enum: REMINDER_KINDS, enumName: 'ReminderKind' }) kind: (typeof REMINDER_KINDS)[number];
  @ApiProperty({ description: 'days before expiry (0 for an approval)' }) thresholdDays: number;
}

export class ReminderDeliveryView extends IntersectionType(ReminderDeliveryHead, WebhookAttemptView) {
  @ApiProperty({
    enum: DELIVERY_OUTCOMES,
    enumName: 'ReminderDeliveryOutcome',
    description: 'RETRY: a later attempt follows with backoff; GAVE_UP: REMINDER_MAX_ATTEMPTS reached',
  })
  outcome: (typeof DELIVERY_OUTCOMES)[number];
  @ApiProperty({ enum: REMINDER_STATES, enumName: 'ReminderState', description: 'the reminder’s state now' })
  reminderState: (typeof REMINDER_STATES)[number];
}

export class DeliveriesQuery extends PageQuery {}
