import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, AwaitsEvent, Idempotent, PageOf } from '@rackeval/platform';
import { AbortRunDto, DEFAULT_ABORT_CAUSE, RunListQuery, ScheduleRunDto } from './dto/run.dto';
import { RunIdParam } from './dto/run-id.param';
import { RunView } from './dto/run.view';
import { RunLifecycleService } from './run-lifecycle.service';
import { RunQueriesService } from './run-queries.service';
import { ScheduleRunService } from './schedule-run.service';

@ApiTags('runs')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs')
export class RunsController {
  constructor(
    private readonly scheduling: ScheduleRunService,
    private readonly lifecycle: RunLifecycleService,
    private readonly queries: RunQueriesService,
  ) {}

  @Post()
  @Roles('test-engineer')
  @Idempotent()
  @AwaitsEvent({ until: ['UNKNOWN_RACK', 'RACK_NOT_RELEASED'], about: ({ body }) => (body as Partial<ScheduleRunDto>)?.rackSerial })
  @ApiCreatedResponse({ type: RunView })
  @ApiErrors(400, 404, 409, 422)
  schedule(@Body() dto: ScheduleRunDto, @CurrentUser() user: AuthenticatedUser) {
    return this.scheduling.schedule(dto, user);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('test-engineer')
  @Idempotent()
  @ApiOkResponse({ type: RunView })
  @ApiErrors(400, 404, 409)
  start(@Param() { id }: RunIdParam, @CurrentUser() user: AuthenticatedUser) {
    return this.lifecycle.start(id, user);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('test-engineer')
  @Idempotent()
  @ApiOkResponse({ type: RunView })
  @ApiErrors(400, 404, 409)
  complete(@Param() { id }: RunIdParam, @CurrentUser() user: AuthenticatedUser) {
    return this.lifecycle.complete(id, user);
  }

  @Post(':id/abort')
  @HttpCode(200)
  @Roles('test-engineer')
  @Idempotent()
  @ApiOkResponse({ type: RunView })
  @ApiErrors(400, 404, 409)
  abort(@Param() { id }: RunIdParam, @Body() dto: AbortRunDto, @CurrentUser() user: AuthenticatedUser) {
    return this.lifecycle.abort(id, user, { cause: dto.cause ?? DEFAULT_ABORT_CAUSE, reason: dto.reason });
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: PageOf(RunView) })
  @ApiErrors(400)
  list(@Query() query: RunListQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RunView, description: 'with its history' })
  @ApiErrors(400, 404)
  get(@Param() { id }: RunIdParam) {
    return this.queries.get(id);
  }
}
