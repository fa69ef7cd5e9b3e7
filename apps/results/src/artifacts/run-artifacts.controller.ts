import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { RunArtifactQuery } from './dto/run-artifact.dto';
import { RunArtifactPage, RunDutView } from './dto/run-artifact.view';
import { RunArtifactsService } from './run-artifacts.service';

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId')
export class RunArtifactsController {
  constructor(private readonly artifacts: RunArtifactsService) {}

  /** Boolean, string and unit-less measurements, diagnoses, logs, errors and files from the run's OCPTV streams, oldest first. */
  @Get('artifacts')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RunArtifactPage })
  @ApiErrors(400, 404)
  list(@Param() { runId }: RunIdParam, @Query() query: RunArtifactQuery): Promise<RunArtifactPage> {
    return this.artifacts.list(runId, query);
  }

  /** The DUT's hardware, software and firmware inventory from the run's OCPTV testRunStart. */
  @Get('dut')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RunDutView })
  @ApiErrors(400, 404)
  dut(@Param() { runId }: RunIdParam): Promise<RunDutView> {
    return this.artifacts.dut(runId);
  }
}
