import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { ApiErrors, Page, PageOf } from '@rackeval/platform';
import { InspectRackDto, ReturnRackDto } from './dto/inspection.dto';
import { RackQuery } from './dto/rack-query.dto';
import { RackSerialParam } from './dto/rack-serial.param';
import { RackDetailView, RackSummaryView } from './dto/rack.view';
import { InspectionsService } from './inspections.service';
import { RacksQueryService } from './racks-query.service';

@ApiTags('racks')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/racks')
export class RacksController {
  constructor(
    private readonly racks: RacksQueryService,
    private readonly inspections: InspectionsService,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: PageOf(RackSummaryView) })
  @ApiErrors(400)
  list(@Query() query: RackQuery): Promise<Page<RackSummaryView>> {
    return this.racks.list(query);
  }

  @Get(':serial')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RackDetailView })
  @ApiErrors(400, 404)
  detail(@Param() { serial }: RackSerialParam): Promise<RackDetailView> {
    return this.racks.detail(serial);
  }

  @Post(':serial/inspections')
  @Roles('intake')
  @ApiCreatedResponse({ type: RackDetailView })
  @ApiErrors(400, 404, 409)
  inspect(
    @Param() { serial }: RackSerialParam,
    @Body() body: InspectRackDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RackDetailView> {
    return this.inspections.inspect(serial, body, user.username);
  }

  @Post(':serial/return')
  @Roles('intake')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RackDetailView })
  @ApiErrors(400, 404, 409)
  returnRack(
    @Param() { serial }: RackSerialParam,
    @Body() body: ReturnRackDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RackDetailView> {
    return this.inspections.returnRack(serial, body.reason, user.username);
  }
}
