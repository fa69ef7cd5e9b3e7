import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { IntakeConfig } from './config';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { GenerationEntity } from './generations/generation.entity';
import { IntakeSchema1764200000000 } from './migrations/1764200000000-IntakeSchema';
import { AppendOnlyRackHistory1764500000000 } from './migrations/1764500000000-AppendOnlyRackHistory';
import { ProgrammeIndexes1764850000000 } from './migrations/1764850000000-ProgrammeIndexes';
import { RackHoldsAndKnownOptions1764873000000 } from './migrations/1764873000000-RackHoldsAndKnownOptions';
import { RackCorrections1764896000000 } from './migrations/1764896000000-RackCorrections';
import { ProgrammeSnapshots1764910000000 } from './migrations/1764910000000-ProgrammeSnapshots';
import { Rmas1764930000000 } from './migrations/1764930000000-Rmas';
import { RmaReturns1764950000000 } from './migrations/1764950000000-RmaReturns';
import { Attachments1764980000000 } from './migrations/1764980000000-Attachments';
import {
  BomLineEntity,
  DeferredRackEventEntity,
  InspectionEntity,
  KnownOptionEntity,
  RackEntity,
  RackHistoryEntity,
} from './racks/rack.entity';

/** What the intake service is made of: used by main, the migration script and the tests alike. */
export function intakeService(config: IntakeConfig): ServiceDefinition {
  return {
    name: 'intake',
    config,
    topics: [Topics.intakeRacks, Topics.testRunRuns, Topics.resultsEvaluations, Topics.purchaseOptions],
    entities: [
      GenerationEntity,
      DeliveryEntity,
      RackEntity,
      BomLineEntity,
      InspectionEntity,
      RackHistoryEntity,
      DeferredRackEventEntity,
      KnownOptionEntity,
    ],
    migrations: [
      IntakeSchema1764200000000,
      AppendOnlyRackHistory1764500000000,
      ProgrammeIndexes1764850000000,
      RackHoldsAndKnownOptions1764873000000,
      RackCorrections1764896000000,
      ProgrammeSnapshots1764910000000,
      Rmas1764930000000,
      RmaReturns1764950000000,
      Attachments1764980000000,
    ],
    // No body parser for text/csv: manifests are parsed as they stream in, within MANIFEST_MAX_BYTES.
  };
}
