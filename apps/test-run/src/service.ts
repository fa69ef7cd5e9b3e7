import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { TestRunConfig } from './config';

/** What the test-run service is made of: used by main, the migration script and the tests alike. */
export function testRunService(config: TestRunConfig): ServiceDefinition {
  return {
    name: 'test-run',
    config,
    topics: [Topics.testRunRuns, Topics.intakeRacks],
    entities: [],
    migrations: [],
  };
}
