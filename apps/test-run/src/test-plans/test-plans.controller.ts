import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { GenerationParam, PlanVersionQuery, PutTestPlanDto } from './dto/put-test-plan.dto';
import { TestPlansService } from './test-plans.service';

@ApiTags('test plans')
@ApiBearerAuth()
@Controller('v1/test-plans')
export class TestPlansController {
  constructor(private readonly plans: TestPlansService) {}

  @Put(':generation')
  @Roles('admin')
  publish(@Param() { generation }: GenerationParam, @Body() dto: PutTestPlanDto, @CurrentUser() user: AuthenticatedUser) {
    return this.plans.publish(generation, dto.suites, user.username);
  }

  @Get(':generation')
  @Roles(...ROLES)
  get(@Param() { generation }: GenerationParam, @Query() query: PlanVersionQuery) {
    return this.plans.get(generation, query.version);
  }
}
