import { ServiceName } from '../system/service-instance';

/** The topic each service publishes its outbox to. */
export const PRODUCES: Record<ServiceName, string> = {
  intake: 'rackeval.intake.rack-events',
  'test-run': 'rackeval.test-run.run-events',
  results: 'rackeval.results.evaluation-events',
  'purchase-option': 'rackeval.purchase-option.option-events',
};

const intake = (name: string) => `rackeval.intake.${name}.v1`;

/**
 * Which event types each service applies (records in its inbox), per topic: read from the
 * consumers (apps/<service>/src/**\/*.consumer.ts). Types a consumer skips are not expected there.
 */
export const CONSUMES: Record<ServiceName, Record<string, readonly string[]>> = {
  intake: {
    'rackeval.test-run.run-events': ['rackeval.test-run.run.started.v1'],
    'rackeval.results.evaluation-events': ['rackeval.results.rack.evaluation-completed.v1'],
    'rackeval.purchase-option.option-events': ['exercised', 'declined', 'lapsed'].map((end) => `rackeval.purchase-option.option.${end}.v1`),
  },
  'test-run': {
    'rackeval.intake.rack-events': [
      intake('generation.registered'),
      ...['received', 'released', 'quarantined', 'rejected', 'returned', 'state-changed'].map((fact) => intake(`rack.${fact}`)),
    ],
  },
  results: {
    'rackeval.test-run.run-events': ['test-plan.published', 'run.scheduled', 'run.started', 'run.completed', 'run.aborted'].map(
      (fact) => `rackeval.test-run.${fact}.v1`,
    ),
  },
  'purchase-option': {
    'rackeval.intake.rack-events': [intake('rack.received'), intake('rack.rejected')],
    'rackeval.results.evaluation-events': ['rackeval.results.rack.evaluation-completed.v1'],
  },
};

/** Types that happen at most once per key in this workload: a second outbox row is a duplicated effect. */
export const ONCE_PER_KEY: readonly string[] = [
  intake('rack.received'),
  intake('rack.released'),
  'rackeval.test-run.run.scheduled.v1',
  'rackeval.test-run.run.completed.v1',
  'rackeval.results.rack.evaluation-completed.v1',
  'rackeval.purchase-option.option.exercised.v1',
  'rackeval.purchase-option.option.declined.v1',
  'rackeval.purchase-option.option.lapsed.v1',
];

export const OPTION_ENDS: readonly string[] = ['exercised', 'declined', 'lapsed'].map((end) => `rackeval.purchase-option.option.${end}.v1`);
