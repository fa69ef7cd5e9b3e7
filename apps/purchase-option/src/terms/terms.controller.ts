import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Idempotent } from '@rackeval/platform';
import { actorOf } from '../identity/actor';
import { GenerationParam } from './dto/generation.param';
import { GetTermsQuery, PutTermsDto, TermsApprovalDto } from './dto/terms.dto';
import { TermsVersionParam } from './dto/terms-version.param';
import { TermsView } from './dto/terms.view';
import { TermsService } from './terms.service';

/** The status of a PUT: 201 for a new proposal, 200 when the terms were already proposed or active. */
interface StatusSetter {
  status(code: number): unknown;
}

@ApiTags('terms')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/terms')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Put(':generation')
  @Roles('admin', 'finance')
  @ApiCreatedResponse({ type: TermsView, description: 'A new version, PROPOSED until another finance or admin user approves it' })
  @ApiOkResponse({ type: TermsView, description: 'The same terms are already proposed or active: that version, unchanged' })
  @ApiErrors(400, 409, 422)
  async propose(
    @Param() { generation }: GenerationParam,
    @Body() body: PutTermsDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<TermsView> {
    const { terms, created } = await this.terms.propose(generation, body, actorOf(user));
    response.status(created ? 201 : 200);
    return terms;
  }

  @Post(':generation/versions/:version/approval')
  @HttpCode(200)
  @Roles('admin', 'finance')
  @Idempotent({ actor: 'actorId' })
  @ApiOkResponse({ type: TermsView, description: 'ACTIVE when approved (options waiting for terms open under it), REJECTED otherwise' })
  @ApiErrors(400, 404, 409, 422)
  review(
    @Param() { generation, version }: TermsVersionParam,
    @Body() body: TermsApprovalDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TermsView> {
    return this.terms.review(generation, version, body, actorOf(user));
  }

  @Get(':generation')
  @Roles('admin', 'finance', 'viewer')
  @ApiOkResponse({ type: TermsView, description: 'The latest version, whatever its status (or the one asked for)' })
  @ApiErrors(400, 404)
  get(@Param() { generation }: GenerationParam, @Query() query: GetTermsQuery): Promise<TermsView> {
    return this.terms.get(generation, query.version);
  }
}
