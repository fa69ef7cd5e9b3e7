import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { IntakeProgrammeView } from './dto/programme.view';
import { LotScorecardView, SupplierScorecardView } from './dto/scorecard.view';
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
    type: IntakeProgrammeView,
    description: 'per generation: racks by state, deliveries, domestic content against target, days to release',
  })
  @ApiErrors(400)
  figures(@Query() query: ProgrammeQuery): Promise<IntakeProgrammeView> {
    return this.programme.figures(query.generation);
  }

  @Get('suppliers')
  @Roles(...ROLES)
  @ApiOkResponse({
    type: SupplierScorecardView,
    description:
      'per supplier across generations: evaluation failure rate of the racks carrying its parts, and the domestic share of its parts',
  })
  @ApiErrors(400)
  suppliers(@Query() query: ProgrammeQuery): Promise<SupplierScorecardView> {
    return this.programme.suppliers(query.generation);
  }

  @Get('lots')
  @Roles(...ROLES)
  @ApiOkResponse({ type: LotScorecardView, description: 'per manufacturing lot: evaluation failure rate and mean domestic content' })
  @ApiErrors(400)
  lots(@Query() query: ProgrammeQuery): Promise<LotScorecardView> {
    return this.programme.lots(query.generation);
  }
}
