import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { BayEntity } from './bays/bay.entity';
import { TestRunConfig } from './config';
import { TestRunTables1764200000000 } from './migrations/1764200000000-TestRunTables';
import { KnownRackEventTime1764460800000 } from './migrations/1764460800000-KnownRackEventTime';
import { AppendOnlyRunTransitions1764500000000 } from './migrations/1764500000000-AppendOnlyRunTransitions';
import { ProgrammeIndexes1764850000000 } from './migrations/1764850000000-ProgrammeIndexes';
import { AbortCauseAndHolds1764873000000 } from './migrations/1764873000000-AbortCauseAndHolds';
import { ProgrammeAbortCauses1764880000000 } from './migrations/1764880000000-ProgrammeAbortCauses';
import { ReopenedAttempts1764890000000 } from './migrations/1764890000000-ReopenedAttempts';
import { ProgrammeSnapshots1764910000000 } from './migrations/1764910000000-ProgrammeSnapshots';
import { RackIncarnations1764920000000 } from './migrations/1764920000000-RackIncarnations';
import { AppendOnlyTestPlans1765030000000 } from './migrations/1765030000000-AppendOnlyTestPlans';
import { KnownGenerationEntity, KnownRackEntity } from './racks/known-rack.entity';
import { RunEntity, RunTransitionEntity } from './runs/run.entity';
import { TestPlanEntity } from './test-plans/test-plan.entity';

/** What the test-run service is made of: used by main, the migration script and the tests alike. */
export function testRunService(config: TestRunConfig): ServiceDefinition {
  return {
    name: 'test-run',
    config,
    topics: [Topics.testRunRuns, Topics.intakeRacks, Topics.resultsEvaluations],
    entities: [KnownGenerationEntity, KnownRackEntity, TestPlanEntity, BayEntity, RunEntity, RunTransitionEntity],
    migrations: [
      TestRunTables1764200000000,
      KnownRackEventTime1764460800000,
      AppendOnlyRunTransitions1764500000000,
      ProgrammeIndexes1764850000000,
      AbortCauseAndHolds1764873000000,
      ProgrammeAbortCauses1764880000000,
      ReopenedAttempts1764890000000,
      ProgrammeSnapshots1764910000000,
      RackIncarnations1764920000000,
      AppendOnlyTestPlans1765030000000,
    ],
  };
}
