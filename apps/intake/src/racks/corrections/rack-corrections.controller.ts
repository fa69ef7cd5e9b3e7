import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { ApiErrors, Idempotent } from '@rackeval/platform';
import { RackSerialParam } from '../dto/rack-serial.param';
import { CorrectRackDto } from './dto/correct-rack.dto';
import { RackCorrectionListView, RackCorrectionView } from './dto/rack-correction.view';
import { RackCorrectionsService } from './rack-corrections.service';

@ApiTags('racks')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/racks')
export class RackCorrectionsController {
  constructor(private readonly corrections: RackCorrectionsService) {}

  /** 409 RACK_RECORD_CLOSED once the rack is bought or returned; 422 when nothing changes or the BOM mixes currencies. */
  @Post(':serial/corrections')
  @Roles('intake', 'admin')
  @Idempotent()
  @ApiCreatedResponse({ type: RackCorrectionView })
  @ApiErrors(400, 404, 409, 422)
  correct(
    @Param() { serial }: RackSerialParam,
    @Body() body: CorrectRackDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RackCorrectionView> {
    return this.corrections.correct(serial, body, user.username);
  }

  @Get(':serial/corrections')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RackCorrectionListView })
  @ApiErrors(400, 404)
  list(@Param() { serial }: RackSerialParam): Promise<RackCorrectionListView> {
    return this.corrections.list(serial);
  }
}
