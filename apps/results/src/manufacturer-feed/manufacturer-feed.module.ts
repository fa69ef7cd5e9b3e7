import { Module } from '@nestjs/common';
import { FeedDeliveryTransitions } from './feed-delivery-transitions';
import { ManufacturerFeedController } from './manufacturer-feed.controller';
import { ManufacturerFeedDeliveryService } from './manufacturer-feed-delivery.service';
import { ManufacturerFeedQueueService } from './manufacturer-feed-queue.service';
import { ManufacturerFeedRepository } from './manufacturer-feed.repository';
import { ManufacturerFeedScheduler } from './manufacturer-feed.scheduler';
import { ManufacturerFeedService } from './manufacturer-feed.service';

/**
 * The manufacturer's finding feed: a signed webhook of every finding reported to the manufacturer
 * and its later steps (queued with the finding's change: FindingTransitions calls
 * ManufacturerFeedQueueService), delivered in order per finding with retries, and its delivery log.
 */
@Module({
  controllers: [ManufacturerFeedController],
  providers: [
    FeedDeliveryTransitions,
    ManufacturerFeedDeliveryService,
    ManufacturerFeedQueueService,
    ManufacturerFeedRepository,
    ManufacturerFeedScheduler,
    ManufacturerFeedService,
  ],
  exports: [ManufacturerFeedQueueService],
})
export class ManufacturerFeedModule {}
