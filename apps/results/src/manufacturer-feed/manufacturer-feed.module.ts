import { Module } from '@nestjs/common';
import { FeedDeliveryTransitions } from './feed-delivery-transitions';
import { ManufacturerFeedController } from './manufacturer-feed.controller';
import { ManufacturerFeedDeliveryService } from './manufacturer-feed-delivery.service';
import { ManufacturerFeedRepository } from './manufacturer-feed.repository';
import { ManufacturerFeedScheduler } from './manufacturer-feed.scheduler';
import { ManufacturerFeedService } from './manufacturer-feed.service';

/**
 * The manufacturer's finding feed: a signed webhook of every finding reported to the manufacturer
 * and its later steps (queued with the finding's change, see the ManufacturerFeed migration),
 * delivered in order per finding with retries, and its delivery log.
 */
@Module({
  controllers: [ManufacturerFeedController],
  providers: [
    FeedDeliveryTransitions,
    ManufacturerFeedDeliveryService,
    ManufacturerFeedRepository,
    ManufacturerFeedScheduler,
    ManufacturerFeedService,
  ],
})
export class ManufacturerFeedModule {}
