import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { PurchaseOptionProgrammeView } from './dto/programme.view';
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
    type: PurchaseOptionProgrammeView,
    description: 'per generation: options by state, committed spend, exposure, price, cost targets, days to verdict',
  })
  @ApiErrors(400)
  figures(@Query() query: ProgrammeQuery): Promise<PurchaseOptionProgrammeView> {
    return this.programme.figures(query.generation);
  }
}
