import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { GenerationParam } from './dto/generation.param';
import { PlanVersionQuery, PutTestPlanDto } from './dto/put-test-plan.dto';
import { ApiErrors } from '@rackeval/platform';
import { TestPlanView } from './dto/test-plan.view';
import { TestPlansService } from './test-plans.service';

@ApiTags('test plans')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/test-plans')
export class TestPlansController {
  constructor(private readonly plans: TestPlansService) {}

  @Put(':generation')
  @Roles('admin')
  @ApiOkResponse({ type: TestPlanView, description: 'the new version (or the current one when unchanged)' })
  @ApiErrors(400, 404, 422)
  publish(@Param() { generation }: GenerationParam, @Body() dto: PutTestPlanDto, @CurrentUser() user: AuthenticatedUser) {
    return this.plans.publish(generation, dto.suites, user.username);
  }

  @Get(':generation')
  @Roles(...ROLES)
  @ApiOkResponse({ type: TestPlanView })
  @ApiErrors(400, 404)
  get(@Param() { generation }: GenerationParam, @Query() query: PlanVersionQuery) {
    return this.plans.get(generation, query.version);
  }
}
