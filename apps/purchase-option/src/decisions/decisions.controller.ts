import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Idempotent } from '@rackeval/platform';
import { actorOf } from '../identity/actor';
import { OptionDetailView } from '../options/dto/option.view';
import { DecisionsService } from './decisions.service';
import { ApprovalDto, DecisionDto } from './dto/decision.dto';
import { RackSerialParam } from './dto/rack-serial.param';

@ApiTags('decisions')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/options')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post(':rackSerial/decision')
  @HttpCode(200)
  @Roles('finance')
  @Idempotent({ actor: 'actorId' })
  @ApiOkResponse({ type: OptionDetailView, description: 'EXERCISED, DECLINED, or PENDING_APPROVAL above the threshold' })
  @ApiErrors(400, 404, 409, 422)
  decide(
    @Param() { rackSerial }: RackSerialParam,
    @Body() body: DecisionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OptionDetailView> {
    return this.decisions.decide(rackSerial, body, actorOf(user));
  }

  @Post(':rackSerial/approval')
  @HttpCode(200)
  @Roles('finance')
  @Idempotent({ actor: 'actorId' })
  @ApiOkResponse({ type: OptionDetailView, description: 'EXERCISED when approved; back to where it was when rejected' })
  @ApiErrors(400, 404, 409, 422)
  review(
    @Param() { rackSerial }: RackSerialParam,
    @Body() body: ApprovalDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OptionDetailView> {
    return this.decisions.review(rackSerial, body, actorOf(user));
  }
}
