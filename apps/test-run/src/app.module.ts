import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@rackeval/platform';
import { BaysController } from './bays/bays.controller';
import { BaysService } from './bays/bays.service';
import { TestRunConfig } from './config';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeRepository } from './programme/programme.repository';
import { ProgrammeService } from './programme/programme.service';
import { IntakeEventsConsumer } from './racks/intake-events.consumer';
import { RackHoldsService } from './racks/rack-holds.service';
import { RackRegistryService } from './racks/rack-registry.service';
import { RunLifecycleService } from './runs/run-lifecycle.service';
import { RunQueriesService } from './runs/run-queries.service';
import { ReopenedEvaluationsConsumer } from './reopened/reopened-evaluations.consumer';
import { RunsController } from './runs/runs.controller';
import { RunsRepository } from './runs/runs.repository';
import { ScheduleRunService } from './runs/schedule-run.service';
import { testRunService } from './service';
import { TestPlansController } from './test-plans/test-plans.controller';
import { TestPlansService } from './test-plans/test-plans.service';

@Module({})
export class AppModule {
  static register(config: TestRunConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot(testRunService(config))],
      controllers: [
        TestPlansController,
        BaysController,
        RunsController,
        IntakeEventsConsumer,
        ProgrammeController,
        ReopenedEvaluationsConsumer,
      ],
      providers: [
        RackRegistryService,
        RackHoldsService,
        TestPlansService,
        BaysService,
        RunsRepository,
        ScheduleRunService,
        RunLifecycleService,
        RunQueriesService,
        ProgrammeRepository,
        ProgrammeService,
      ],
    };
  }
}
