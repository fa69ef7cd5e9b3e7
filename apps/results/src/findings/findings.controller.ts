import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { FINDING_STATES } from '@rackeval/contracts';
import { ApiErrors, Page, PageOf } from '@rackeval/platform';
import {
  ExplainedTransitionDto,
  FindingGroupQuery,
  FindingListQuery,
  FindingNoteDto,
  FindingTransitionDto,
  OpenFindingDto,
  TriageFindingDto,
} from './dto/finding.dto';
import { FindingIdParam } from './dto/finding-id.param';
import { FailureClassesView, FindingDetailView, FindingGroupsView, FindingView } from './dto/finding.view';
import { FailureTaxonomy } from './failure-taxonomy';
import { FindingTransitions } from './finding-transitions';
import { FindingsOpeningService } from './findings-opening.service';
import { FindingsQueryService } from './findings-query.service';

const EDITORS = ['test-engineer', 'admin'] as const;

@ApiTags('findings')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/findings')
export class FindingsController {
  constructor(
    private readonly opening: FindingsOpeningService,
    private readonly transitions: FindingTransitions,
    private readonly query: FindingsQueryService,
    private readonly taxonomy: FailureTaxonomy,
  ) {}

  @Post()
  @Roles(...EDITORS)
  @ApiCreatedResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 422)
  open(@Body() body: OpenFindingDto, @CurrentUser() user: AuthenticatedUser): Promise<FindingDetailView> {
    return this.opening.openByHand(body, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: PageOf(FindingView) })
  @ApiErrors(400)
  list(@Query() query: FindingListQuery): Promise<Page<FindingView>> {
    return this.query.list(query);
  }

  /** Similar findings (same criterion or diagnosis, part and failure class) counted across racks, lots and generations. */
  @Get('groups')
  @Roles(...ROLES)
  @ApiOkResponse({ type: FindingGroupsView })
  @ApiErrors(400)
  groups(@Query() query: FindingGroupQuery): Promise<FindingGroupsView> {
    return this.query.groups(query);
  }

  @Get('classes')
  @Roles(...ROLES)
  @ApiOkResponse({ type: FailureClassesView })
  classes(): FailureClassesView {
    return { classes: [...this.taxonomy.classes], states: [...FINDING_STATES] };
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404)
  get(@Param() { id }: FindingIdParam): Promise<FindingDetailView> {
    return this.query.get(id);
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 409, 422)
  triage(
    @Param() { id }: FindingIdParam,
    @Body() body: TriageFindingDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FindingDetailView> {
    return this.transitions.apply(id, 'triage', body, user.username);
  }

  @Post(':id/report')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 409)
  report(
    @Param() { id }: FindingIdParam,
    @Body() body: FindingTransitionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FindingDetailView> {
    return this.transitions.apply(id, 'report', body, user.username);
  }

  @Post(':id/propose-fix')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 409)
  proposeFix(
    @Param() { id }: FindingIdParam,
    @Body() body: ExplainedTransitionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FindingDetailView> {
    return this.transitions.apply(id, 'propose-fix', body, user.username);
  }

  @Post(':id/reject-fix')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 409)
  rejectFix(
    @Param() { id }: FindingIdParam,
    @Body() body: ExplainedTransitionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FindingDetailView> {
    return this.transitions.apply(id, 'reject-fix', body, user.username);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 409)
  verify(
    @Param() { id }: FindingIdParam,
    @Body() body: FindingTransitionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FindingDetailView> {
    return this.transitions.apply(id, 'verify', body, user.username);
  }

  @Post(':id/wont-fix')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404, 409)
  wontFix(
    @Param() { id }: FindingIdParam,
    @Body() body: ExplainedTransitionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FindingDetailView> {
    return this.transitions.apply(id, 'wont-fix', body, user.username);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOkResponse({ type: FindingDetailView })
  @ApiErrors(400, 404)
  note(@Param() { id }: FindingIdParam, @Body() body: FindingNoteDto, @CurrentUser() user: AuthenticatedUser): Promise<FindingDetailView> {
    return this.transitions.note(id, body.note, user.username);
  }
}
