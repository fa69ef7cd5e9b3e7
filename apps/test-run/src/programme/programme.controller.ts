import { Query } from '@nestjs/common';
import { ProgrammeFigures, ProgrammeRoutes } from '@rackeval/platform';
import { ProgrammeQuery } from './dto/programme.query';
import { TestRunProgrammeView } from './dto/programme.view';
import { ProgrammeService } from './programme.service';

@ProgrammeRoutes()
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @ProgrammeFigures(TestRunProgrammeView, 'per generation: runs by state, aborts, bay utilisation over a window')
  figures(@Query() query: ProgrammeQuery): Promise<TestRunProgrammeView> {
    return this.programme.figures(query);
  }
}
