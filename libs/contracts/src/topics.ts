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

export const Topics = {
  intakeRacks: prefixed('rackeval.intake.rack-events'),
  testRunRuns: prefixed('rackeval.test-run.run-events'),
  resultsEvaluations: prefixed('rackeval.results.evaluation-events'),
  purchaseOptions: prefixed('rackeval.purchase-option.option-events'),
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a consuming service parks messages it could not process. */
export const deadLetterTopic = (consumer: string): string => prefixed(`rackeval.${consumer}.dead-letters`);
