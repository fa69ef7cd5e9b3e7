import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { PurchaseOptionConfig } from './config';

/** What the purchase-option service is made of: used by main, the migration script and the tests alike. */
export function purchaseOptionService(config: PurchaseOptionConfig): ServiceDefinition {
  return {
    name: 'purchase-option',
    config,
    topics: [Topics.purchaseOptions, Topics.intakeRacks, Topics.resultsEvaluations],
    entities: [],
    migrations: [],
  };
}
