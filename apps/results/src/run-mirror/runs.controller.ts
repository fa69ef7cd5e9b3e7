import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { ResultsRunView } from './dto/run.view';
import { RunIdParam } from './dto/run-id.param';
import { RunQueryService } from './run-query.service';

@ApiTags('runs')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs')
export class RunsController {
  constructor(private readonly runs: RunQueryService) {}

  @Get(':runId')
  @Roles(...ROLES)
  @ApiOkResponse({ type: ResultsRunView })
  @ApiErrors(400, 404)
  get(@Param() { runId }: RunIdParam): Promise<ResultsRunView> {
    return this.runs.get(runId);
  }
}
