import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MANUFACTURER_FEED_TYPES, type ManufacturerFeedType } from '@rackeval/contracts';
import { ApiDateTime, PageQuery, WebhookAttemptView } from '@rackeval/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FEED_DELIVERY_STATES, type FeedDeliveryState } from '../feed-delivery.state-machine';

export const FEED_ATTEMPT_OUTCOMES = ['DELIVERED', 'RETRY', 'GAVE_UP'] as const;

export class FeedDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FEED_DELIVERY_STATES, enumName: 'ManufacturerFeedDeliveryState' })
  @IsOptional()
  @IsIn(FEED_DELIVERY_STATES)
  state?: FeedDeliveryState;
}

/** `:id` of a delivery: its number in the log. */
export class FeedDeliveryIdParam {
  @ApiProperty({ pattern: '^[1-9][0-9]{0,17}$', description: 'the delivery’s id in the log' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'id must be a delivery id (a positive whole number)' })
  id: string;
}

export class FeedAttemptView extends WebhookAttemptView {
  @ApiProperty({
    enum: FEED_ATTEMPT_OUTCOMES,
    enumName: 'ManufacturerFeedAttemptOutcome',
    description: 'RETRY: a later attempt follows with backoff; GAVE_UP: MANUFACTURER_WEBHOOK_MAX_ATTEMPTS reached',
  })
  outcome: (typeof FEED_ATTEMPT_OUTCOMES)[number];
}

export class FeedDeliveryView {
  @ApiProperty({ description: 'its number in the log' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the body’s eventId and X-Rackeval-Delivery, the same on every attempt' }) eventId: string;
  @ApiProperty({ enum: MANUFACTURER_FEED_TYPES, enumName: 'ManufacturerFeedType' }) type: ManufacturerFeedType;
  @ApiProperty({ format: 'uuid' }) findingId: string;
  @ApiProperty() rackSerial: string;
  @ApiDateTime({ description: 'when the finding changed' }) occurredAt: string;
  @ApiProperty({
    enum: FEED_DELIVERY_STATES,
    enumName: 'ManufacturerFeedDeliveryState',
    description: 'PENDING: waiting for its turn or its next attempt; DELIVERED: a 2xx answer; GAVE_UP: out of attempts',
  })
  state: FeedDeliveryState;
  @ApiProperty({ description: 'attempts so far' }) attempts: number;
  @ApiDateTime({
    nullable: true,
    description: 'the earliest next attempt, while PENDING (later if an earlier delivery of its finding is pending)',
  })
  nextAttemptAt: string | null;
  @ApiDateTime() createdAt: string;
  @ApiDateTime({ nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: [FeedAttemptView], description: 'every attempt, oldest first' }) attemptLog: FeedAttemptView[];
}
