import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { Page } from '@rackeval/platform';
import { InspectRackDto, ReturnRackDto } from './dto/inspection.dto';
import { RackQuery, RackSummaryView } from './dto/rack-query.dto';
import { InspectionsService } from './inspections.service';
import { RackDetailView, RacksQueryService } from './racks-query.service';

@ApiTags('racks')
@ApiBearerAuth()
@Controller('v1/racks')
export class RacksController {
  constructor(
    private readonly racks: RacksQueryService,
    private readonly inspections: InspectionsService,
  ) {}

  @Get()
  list(@Query() query: RackQuery): Promise<Page<RackSummaryView>> {
    return this.racks.list(query);
  }

  @Get(':serial')
  detail(@Param('serial') serial: string): Promise<RackDetailView> {
    return this.racks.detail(serial);
  }

  @Post(':serial/inspections')
  @Roles('intake')
  inspect(@Param('serial') serial: string, @Body() body: InspectRackDto, @CurrentUser() user: AuthenticatedUser): Promise<RackDetailView> {
    return this.inspections.inspect(serial, body, user.username);
  }

  @Post(':serial/return')
  @Roles('intake')
  @HttpCode(HttpStatus.OK)
  returnRack(@Param('serial') serial: string, @Body() body: ReturnRackDto, @CurrentUser() user: AuthenticatedUser): Promise<RackDetailView> {
    return this.inspections.returnRack(serial, body.reason, user.username);
  }
}
