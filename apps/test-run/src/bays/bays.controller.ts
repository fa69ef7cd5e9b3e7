import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, PageOf } from '@rackeval/platform';
import { BaysService } from './bays.service';
import { BayView } from './dto/bay.view';
import { BayListQuery, CreateBayDto } from './dto/create-bay.dto';

@ApiTags('bays')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/bays')
export class BaysController {
  constructor(private readonly bays: BaysService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: BayView })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateBayDto, @CurrentUser() user: AuthenticatedUser) {
    return this.bays.create(dto, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: PageOf(BayView) })
  @ApiErrors(400)
  list(@Query() query: BayListQuery) {
    return this.bays.list(query);
  }
}
