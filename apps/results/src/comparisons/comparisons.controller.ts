import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GenerationComparisonQuery, RunComparisonQuery } from './comparisons.dto';
import { ComparisonsService } from './comparisons.service';

@ApiTags('comparisons')
@ApiBearerAuth()
@Controller('v1/comparisons')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

  @Get('generations')
  generations(@Query() query: GenerationComparisonQuery) {
    return this.comparisons.generations(query);
  }

  @Get('runs')
  runs(@Query() query: RunComparisonQuery) {
    return this.comparisons.runs(query);
  }
}
