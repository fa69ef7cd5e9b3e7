/**
 * Kafka topics, one per producing service so every event about one rack from one producer
 * stays in order (the partition key is the rack serial).
 *
 * `KAFKA_TOPIC_PREFIX` is read when this module loads: NestJS binds `@EventPattern` topics at
 * class-definition time, so the prefix cannot come from injected configuration. Tests use it to
 * give every run its own topics.
 */
export const topicPrefix = (): string => process.env.KAFKA_TOPIC_PREFIX ?? '';

const prefixed = (name: string) => `${topicPrefix()}${name}`;

/** The topic names without any prefix (what the broker's ACLs name outside tests). */
export const TOPIC_NAMES = {
  intakeRacks: 'rackeval.intake.rack-events',
  testRunRuns: 'rackeval.test-run.run-events',
  resultsEvaluations: 'rackeval.results.evaluation-events',
  purchaseOptions: 'rackeval.purchase-option.option-events',
} as const;

export const Topics = {
  intakeRacks: prefixed(TOPIC_NAMES.intakeRacks),
  testRunRuns: prefixed(TOPIC_NAMES.testRunRuns),
  resultsEvaluations: prefixed(TOPIC_NAMES.resultsEvaluations),
  purchaseOptions: prefixed(TOPIC_NAMES.purchaseOptions),
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a consuming service parks messages it could not process. */
export const deadLetterTopic = (consumer: string): string => prefixed(deadLetterTopicName(consumer));
export const deadLetterTopicName = (consumer: string): string => `rackeval.${consumer}.dead-letters`;
