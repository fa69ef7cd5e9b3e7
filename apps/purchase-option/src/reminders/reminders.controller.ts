import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Page, PageOf } from '@rackeval/platform';
import { actorOf } from '../identity/actor';
import { DeliveriesQuery, ReminderDeliveryView, RemindersQuery, RemindersView } from './dto/reminders.view';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @Roles('finance', 'admin')
  @ApiOkResponse({ type: RemindersView, description: 'undecided options expiring soon and approvals waiting for the caller' })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: RemindersQuery): Promise<RemindersView> {
    return this.reminders.forActor(actorOf(user), query);
  }

  @Get('deliveries')
  @Roles('finance', 'admin')
  @ApiOkResponse({ type: PageOf(ReminderDeliveryView), description: 'every webhook attempt, newest first' })
  @ApiErrors(400)
  deliveries(@Query() query: DeliveriesQuery): Promise<Page<ReminderDeliveryView>> {
    return this.reminders.deliveries(query);
  }
}
