import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { BaysService } from './bays.service';
import { BayListQuery, CreateBayDto } from './dto/create-bay.dto';

@ApiTags('bays')
@ApiBearerAuth()
@Controller('v1/bays')
export class BaysController {
  constructor(private readonly bays: BaysService) {}

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateBayDto, @CurrentUser() user: AuthenticatedUser) {
    return this.bays.create(dto, user.username);
  }

  @Get()
  @Roles(...ROLES)
  list(@Query() query: BayListQuery) {
    return this.bays.list(query);
  }
}
