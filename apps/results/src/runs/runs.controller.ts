import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RunQueryService } from './run-query.service';

@ApiTags('runs')
@ApiBearerAuth()
@Controller('v1/runs')
export class RunsController {
  constructor(private readonly runs: RunQueryService) {}

  @Get(':runId')
  get(@Param('runId', ParseUUIDPipe) runId: string) {
    return this.runs.get(runId);
  }
}
