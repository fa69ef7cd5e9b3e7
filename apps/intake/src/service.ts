import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { IntakeConfig } from './config';

/** What the intake service is made of: used by main, the migration script and the tests alike. */
export function intakeService(config: IntakeConfig): ServiceDefinition {
  return {
    name: 'intake',
    config,
    topics: [Topics.intakeRacks, Topics.testRunRuns, Topics.resultsEvaluations, Topics.purchaseOptions],
    entities: [],
    migrations: [],
  };
}
