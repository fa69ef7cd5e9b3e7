import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { OptionAuditEntity } from './audit/audit.entity';
import { PurchaseOptionConfig } from './config';
import { PurchaseOptionTables1764200000000 } from './migrations/1764200000000-PurchaseOptionTables';
import { OptionIntakeRejection1764300000000 } from './migrations/1764300000000-OptionIntakeRejection';
import { PurchaseOptionEntity, RackEvaluationEntity } from './options/option.entity';
import { OptionTermsEntity } from './terms/terms.entity';

/** What the purchase-option service is made of: used by main, the migration script and the tests alike. */
export function purchaseOptionService(config: PurchaseOptionConfig): ServiceDefinition {
  return {
    name: 'purchase-option',
    config,
    topics: [Topics.purchaseOptions, Topics.intakeRacks, Topics.resultsEvaluations],
    entities: [OptionTermsEntity, PurchaseOptionEntity, RackEvaluationEntity, OptionAuditEntity],
    migrations: [PurchaseOptionTables1764200000000, OptionIntakeRejection1764300000000],
  };
}
