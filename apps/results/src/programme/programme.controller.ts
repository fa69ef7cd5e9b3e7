import { Query } from '@nestjs/common';
import { ProgrammeFigures, ProgrammeRoutes } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { ComponentFailuresView, ResultsProgrammeView } from './dto/programme.view';
import { ProgrammeService } from './programme.service';

@ProgrammeRoutes()
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @ProgrammeFigures(
    ResultsProgrammeView,
    "per generation: first-pass yield, evaluation pass rate, each criterion's distribution against its target and its failures",
  )
  figures(@Query() query: ProgrammeQuery): Promise<ResultsProgrammeView> {
    return this.programme.figures(query.generation);
  }

  @ProgrammeFigures(ComponentFailuresView, 'failures by component: the components measured outside the target in failed runs', 'components')
  components(@Query() query: ProgrammeQuery): Promise<ComponentFailuresView> {
    return this.programme.components(query.generation);
  }
}
