import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { TestRunProgrammeView } from './dto/programme.view';
import { ProgrammeService } from './programme.service';

@ApiTags('programme')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: TestRunProgrammeView, description: 'per generation: runs by state, aborts, bay utilisation over a window' })
  @ApiErrors(400)
  figures(@Query() query: ProgrammeQuery): Promise<TestRunProgrammeView> {
    return this.programme.figures(query);
  }
}
