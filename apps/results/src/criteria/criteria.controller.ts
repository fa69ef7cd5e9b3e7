import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { CriteriaService } from './criteria.service';
import { CriteriaVersionView } from './dto/criteria.view';
import { CriteriaQuery, PutCriteriaDto } from './dto/criteria.dto';
import { GenerationParam } from './dto/generation.param';

@ApiTags('criteria')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/criteria')
export class CriteriaController {
  constructor(private readonly criteria: CriteriaService) {}

  @Put(':generation')
  @Roles('admin')
  @ApiOkResponse({ type: CriteriaVersionView, description: 'the new version' })
  @ApiErrors(400, 422)
  publish(
    @Param() { generation }: GenerationParam,
    @Body() body: PutCriteriaDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CriteriaVersionView> {
    return this.criteria.publish(generation, body, user.username);
  }

  @Get(':generation')
  @Roles(...ROLES)
  @ApiOkResponse({ type: CriteriaVersionView })
  @ApiErrors(400, 404)
  get(@Param() { generation }: GenerationParam, @Query() query: CriteriaQuery): Promise<CriteriaVersionView> {
    return this.criteria.get(generation, query.version);
  }
}
