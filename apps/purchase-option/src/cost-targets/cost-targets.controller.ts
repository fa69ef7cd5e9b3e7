import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Idempotent } from '@rackeval/platform';
import { actorOf } from '../identity/actor';
import { GenerationParam } from '../terms/dto/generation.param';
import { TermsApprovalDto } from '../terms/dto/terms.dto';
import { TermsVersionParam } from '../terms/dto/terms-version.param';
import { CostTargetsService } from './cost-targets.service';
import { PutCostTargetsDto } from './dto/cost-targets.dto';
import { CostTargetsVersionView, CostTargetsView } from './dto/cost-targets.view';

interface StatusSetter {
  status(code: number): unknown;
}

@ApiTags('cost-targets')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/cost-targets')
export class CostTargetsController {
  constructor(private readonly targets: CostTargetsService) {}

  @Put(':generation')
  @Roles('admin', 'finance')
  @ApiCreatedResponse({
    type: CostTargetsVersionView,
    description: 'A new version, PROPOSED until another finance or admin user approves it',
  })
  @ApiOkResponse({ type: CostTargetsVersionView, description: 'The same targets are already proposed or active: that version, unchanged' })
  @ApiErrors(400, 409, 422)
  async propose(
    @Param() { generation }: GenerationParam,
    @Body() body: PutCostTargetsDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<CostTargetsVersionView> {
    const { targets, created } = await this.targets.propose(generation, body, actorOf(user));
    response.status(created ? 201 : 200);
    return targets;
  }

  @Post(':generation/versions/:version/approval')
  @HttpCode(200)
  @Roles('admin', 'finance')
  @Idempotent({ actor: 'actorId' })
  @ApiOkResponse({ type: CostTargetsVersionView, description: 'ACTIVE when approved (options are judged against it), REJECTED otherwise' })
  @ApiErrors(400, 404, 409)
  review(
    @Param() { generation, version }: TermsVersionParam,
    @Body() body: TermsApprovalDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CostTargetsVersionView> {
    return this.targets.review(generation, version, body, actorOf(user));
  }

  @Get(':generation')
  @Roles('admin', 'finance', 'viewer')
  @ApiOkResponse({ type: CostTargetsView, description: 'Every version, newest first, and the active one' })
  @ApiErrors(400, 404)
  get(@Param() { generation }: GenerationParam): Promise<CostTargetsView> {
    return this.targets.get(generation);
  }
}
