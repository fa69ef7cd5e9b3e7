import { Query } from '@nestjs/common';
import { ProgrammeFigures, ProgrammeRoutes } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { IntakeProgrammeView } from './dto/programme.view';
import { LotScorecardView, SupplierScorecardView } from './dto/scorecard.view';
import { ProgrammeService } from './programme.service';

@ProgrammeRoutes()
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @ProgrammeFigures(IntakeProgrammeView, 'per generation: racks by state, deliveries, domestic content against target, days to release')
  figures(@Query() query: ProgrammeQuery): Promise<IntakeProgrammeView> {
    return this.programme.figures(query.generation);
  }

  @ProgrammeFigures(
    SupplierScorecardView,
    'per supplier across generations: evaluation failure rate of the racks carrying its parts, and the domestic share of its parts',
    'suppliers',
  )
  suppliers(@Query() query: ProgrammeQuery): Promise<SupplierScorecardView> {
    return this.programme.suppliers(query.generation);
  }

  @ProgrammeFigures(LotScorecardView, 'per manufacturing lot: evaluation failure rate and mean domestic content', 'lots')
  lots(@Query() query: ProgrammeQuery): Promise<LotScorecardView> {
    return this.programme.lots(query.generation);
  }
}
