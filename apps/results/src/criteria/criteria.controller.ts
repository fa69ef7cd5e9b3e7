import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { CriteriaService } from './criteria.service';
import { CriteriaQuery, GenerationParam, PutCriteriaDto } from './dto/criteria.dto';

@ApiTags('criteria')
@ApiBearerAuth()
@Controller('v1/criteria')
export class CriteriaController {
  constructor(private readonly criteria: CriteriaService) {}

  @Put(':generation')
  @Roles('admin')
  publish(@Param() { generation }: GenerationParam, @Body() body: PutCriteriaDto, @CurrentUser() user: AuthenticatedUser) {
    return this.criteria.publish(generation, body, user.username);
  }

  @Get(':generation')
  get(@Param() { generation }: GenerationParam, @Query() query: CriteriaQuery) {
    return this.criteria.get(generation, query.version);
  }
}
