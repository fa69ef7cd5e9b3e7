import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { ComponentFailuresView, ResultsProgrammeView } from './dto/programme.view';
import { ProgrammeService } from './programme.service';

@ApiTags('programme')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({
    type: ResultsProgrammeView,
    description:
      "per generation: first-pass yield, evaluation pass rate, each criterion's distribution against its target and its failures",
  })
  @ApiErrors(400)
  figures(@Query() query: ProgrammeQuery): Promise<ResultsProgrammeView> {
    return this.programme.figures(query.generation);
  }

  @Get('components')
  @Roles(...ROLES)
  @ApiOkResponse({
    type: ComponentFailuresView,
    description: 'failures by component: the components measured outside the target in failed runs',
  })
  @ApiErrors(400)
  components(@Query() query: ProgrammeQuery): Promise<ComponentFailuresView> {
    return this.programme.components(query.generation);
  }
}
