import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { GenerationComparisonQuery, RunComparisonQuery } from './comparisons.dto';
import { ComparisonsService } from './comparisons.service';
import { GenerationComparisonView, RunComparisonView } from './dto/comparison.view';

@ApiTags('comparisons')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/comparisons')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

  @Get('generations')
  @Roles(...ROLES)
  @ApiOkResponse({ type: GenerationComparisonView })
  @ApiErrors(400)
  generations(@Query() query: GenerationComparisonQuery) {
    return this.comparisons.generations(query);
  }

  @Get('runs')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RunComparisonView })
  @ApiErrors(400, 404)
  runs(@Query() query: RunComparisonQuery) {
    return this.comparisons.runs(query);
  }
}
