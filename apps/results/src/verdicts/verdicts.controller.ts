import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VerdictsService } from './verdicts.service';

@ApiTags('verdicts')
@ApiBearerAuth()
@Controller('v1/runs')
export class VerdictsController {
  constructor(private readonly verdicts: VerdictsService) {}

  @Get(':runId/verdict')
  get(@Param('runId', ParseUUIDPipe) runId: string) {
    return this.verdicts.get(runId);
  }
}
