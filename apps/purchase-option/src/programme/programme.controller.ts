import { Query } from '@nestjs/common';
import { ProgrammeFigures, ProgrammeRoutes } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { PurchaseOptionProgrammeView } from './dto/programme.view';
import { ProgrammeService } from './programme.service';

@ProgrammeRoutes()
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @ProgrammeFigures(
    PurchaseOptionProgrammeView,
    'per generation: options by state, committed spend, exposure, price, cost targets, days to verdict',
  )
  figures(@Query() query: ProgrammeQuery): Promise<PurchaseOptionProgrammeView> {
    return this.programme.figures(query.generation);
  }
}
