import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { OptionAuditEntity } from './audit/audit.entity';
import { PurchaseOptionConfig } from './config';
import { PurchaseOptionTables1764200000000 } from './migrations/1764200000000-PurchaseOptionTables';
import { OptionIntakeRejection1764300000000 } from './migrations/1764300000000-OptionIntakeRejection';
import { AppendOnlyPrivileges1764500000000 } from './migrations/1764500000000-AppendOnlyPrivileges';
import { TermsFourEyes1764600000000 } from './migrations/1764600000000-TermsFourEyes';
import { CostTargets1764710000000 } from './migrations/1764710000000-CostTargets';
import { ProgrammeIndexes1764850000000 } from './migrations/1764850000000-ProgrammeIndexes';
import { OptionWithdrawn1764873000000 } from './migrations/1764873000000-OptionWithdrawn';
import { KnownGenerations1764895000000 } from './migrations/1764895000000-KnownGenerations';
import { ProgrammeSnapshots1764910000000 } from './migrations/1764910000000-ProgrammeSnapshots';
import { Reminders1764920000000 } from './migrations/1764920000000-Reminders';
import { OptionQueueIndexes1764970000000 } from './migrations/1764970000000-OptionQueueIndexes';
import { OptionIncarnations1765000000000 } from './migrations/1765000000000-OptionIncarnations';
import { OptionQueueUndated1765100000000 } from './migrations/1765100000000-OptionQueueUndated';
import { CostTargetsEntity, CostTargetsReviewEntity } from './cost-targets/cost-targets.entity';
import { PurchaseOptionEntity, RackEvaluationEntity } from './options/option.entity';
import { RackRmaEntity } from './rmas/rack-rma.entity';
import { OptionTermsEntity, TermsReviewEntity } from './terms/terms.entity';

/** What the purchase-option service is made of: used by main, the migration script and the tests alike. */
export function purchaseOptionService(config: PurchaseOptionConfig): ServiceDefinition {
  return {
    name: 'purchase-option',
    config,
    topics: [Topics.purchaseOptions, Topics.intakeRacks, Topics.resultsEvaluations],
    entities: [
      OptionTermsEntity,
      TermsReviewEntity,
      CostTargetsEntity,
      CostTargetsReviewEntity,
      PurchaseOptionEntity,
      RackEvaluationEntity,
      OptionAuditEntity,
      RackRmaEntity,
    ],
    migrations: [
      PurchaseOptionTables1764200000000,
      OptionIntakeRejection1764300000000,
      AppendOnlyPrivileges1764500000000,
      TermsFourEyes1764600000000,
      CostTargets1764710000000,
      ProgrammeIndexes1764850000000,
      OptionWithdrawn1764873000000,
      KnownGenerations1764895000000,
      ProgrammeSnapshots1764910000000,
      Reminders1764920000000,
      OptionQueueIndexes1764970000000,
      OptionIncarnations1765000000000,
      OptionQueueUndated1765100000000,
    ],
  };
}
