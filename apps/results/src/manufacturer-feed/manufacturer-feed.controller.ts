import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Page, PageOf } from '@rackeval/platform';
import { FeedDeliveriesQuery, FeedDeliveryIdParam, FeedDeliveryView } from './dto/feed-delivery.view';
import { ManufacturerFeedService } from './manufacturer-feed.service';

/** The manufacturer's finding feed: its delivery log and the re-send of a given-up delivery (admins: the log names the receiver's URL). */
@ApiTags('manufacturer-feed')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/manufacturer-feed')
export class ManufacturerFeedController {
  constructor(private readonly feed: ManufacturerFeedService) {}

  @Get('deliveries')
  @Roles('admin')
  @ApiOkResponse({ type: PageOf(FeedDeliveryView), description: 'every delivery with its attempts, newest first' })
  @ApiErrors(400)
  deliveries(@Query() query: FeedDeliveriesQuery): Promise<Page<FeedDeliveryView>> {
    return this.feed.list(query);
  }

  @Post('deliveries/:id/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: FeedDeliveryView, description: 'the delivery, PENDING again with a fresh round of attempts' })
  @ApiErrors(400, 404, 409)
  retry(@Param() { id }: FeedDeliveryIdParam, @CurrentUser() user: AuthenticatedUser): Promise<FeedDeliveryView> {
    return this.feed.resend(id, user.username);
  }
}
