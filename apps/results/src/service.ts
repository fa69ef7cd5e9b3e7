import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { ResultsConfig } from './config';

/** What the results service is made of: used by main, the migration script and the tests alike. */
export function resultsService(config: ResultsConfig): ServiceDefinition {
  return {
    name: 'results',
    config,
    topics: [Topics.resultsEvaluations, Topics.testRunRuns],
    entities: [],
    migrations: [],
  };
}
