import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { RunVerdictView } from './dto/verdict.view';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { VerdictsService } from './verdicts.service';

@ApiTags('verdicts')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs')
export class VerdictsController {
  constructor(private readonly verdicts: VerdictsService) {}

  @Get(':runId/verdict')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RunVerdictView })
  @ApiErrors(400, 404)
  get(@Param() { runId }: RunIdParam): Promise<RunVerdictView> {
    return this.verdicts.get(runId);
  }
}
