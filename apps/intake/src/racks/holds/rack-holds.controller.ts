import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Idempotent } from '@rackeval/platform';
import { RackSerialParam } from '../dto/rack-serial.param';
import { RackDetailView } from '../dto/rack.view';
import { HoldRackDto, ReleaseHoldDto, WithdrawRackDto } from './dto/hold.dto';
import { RackHoldsService } from './rack-holds.service';

@ApiTags('racks')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/racks')
export class RackHoldsController {
  constructor(private readonly holds: RackHoldsService) {}

  @Post(':serial/hold')
  @Roles('intake', 'admin')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({ summary: 'Put a rack on hold before its verdict: no new runs; its active run is aborted (cause HOLD)' })
  @ApiOkResponse({ type: RackDetailView })
  @ApiErrors(400, 404, 409)
  hold(@Param() { serial }: RackSerialParam, @Body() body: HoldRackDto, @CurrentUser() user: AuthenticatedUser) {
    return this.holds.hold(serial, body.reason, user.username);
  }

  @Post(':serial/release-hold')
  @Roles('intake', 'admin')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({ summary: 'Release a hold: the rack returns to the state it was held from' })
  @ApiOkResponse({ type: RackDetailView })
  @ApiErrors(400, 404, 409)
  releaseHold(@Param() { serial }: RackSerialParam, @Body() body: ReleaseHoldDto, @CurrentUser() user: AuthenticatedUser) {
    return this.holds.releaseHold(serial, body.reason, user.username);
  }

  @Post(':serial/withdraw')
  @Roles('intake', 'admin')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({ summary: 'Withdraw a rack damaged in evaluation: its option ends (WITHDRAWN) and it awaits return' })
  @ApiOkResponse({ type: RackDetailView })
  @ApiErrors(400, 404, 409)
  withdraw(@Param() { serial }: RackSerialParam, @Body() body: WithdrawRackDto, @CurrentUser() user: AuthenticatedUser) {
    return this.holds.withdraw(serial, body.reason, user.username);
  }
}
