import { eventDefinition } from './events';
import { ContractViolationError } from './registry/validate-payload';
import { deadLetterTopicName, TOPIC_NAMES, Topics } from './topics';

/** The services that produce events, each to its own topic; the CloudEvents source is `rackeval/<service>`. */
export type ProducingService = 'intake' | 'test-run' | 'results' | 'purchase-option';
/** Every application that connects to Kafka, each as its own principal; the gateway only reads. */
export type KafkaClientName = ProducingService | 'gateway';

type TopicKey = keyof typeof Topics;

/**
 * Who may write and who may read each topic. The broker's ACLs (infra/kafka/README.md) and the
 * inbox's check of `ce_source` both come from this one table: a consumer added in an app without
 * its line here is refused by the broker.
 */
export const TOPIC_ACCESS: Readonly<Record<TopicKey, { producer: ProducingService; consumers: readonly KafkaClientName[] }>> = {
  intakeRacks: { producer: 'intake', consumers: ['test-run', 'results', 'purchase-option', 'gateway'] },
  testRunRuns: { producer: 'test-run', consumers: ['intake', 'results', 'gateway'] },
  // results reads its own run verdicts: findings open from them (apps/results/src/findings) without touching verdict code.
  resultsEvaluations: { producer: 'results', consumers: ['intake', 'test-run', 'results', 'purchase-option', 'gateway'] },
  purchaseOptions: { producer: 'purchase-option', consumers: ['intake', 'results', 'gateway'] },
};

export const KAFKA_CLIENTS: readonly KafkaClientName[] = ['intake', 'test-run', 'results', 'purchase-option', 'gateway'];

/** An application's Kafka principal (its SCRAM user) and the prefix of its consumer groups. */
export const kafkaPrincipal = (name: KafkaClientName): string => `rackeval-${name}`;

const TOPIC_KEYS = Object.keys(TOPIC_ACCESS) as TopicKey[];

/** The service that alone produces to `topic` (a name as this process sees it, with its KAFKA_TOPIC_PREFIX). */
export function producerOfTopic(topic: string): ProducingService | undefined {
  const key = TOPIC_KEYS.find((candidate) => Topics[candidate] === topic);
  return key && TOPIC_ACCESS[key].producer;
}

/** The CloudEvents source every event on `topic` must carry: `rackeval/<its producing service>`. */
export function expectedSourceOf(topic: string): string | undefined {
  const producer = producerOfTopic(topic);
  return producer && `rackeval/${producer}`;
}

/** What one application may do with the topics under `prefix` (a KAFKA_TOPIC_PREFIX; '' outside tests). */
export interface TopicGrants {
  /** Its own event topic (producing services) and its own dead-letter topic. */
  produces: string[];
  consumes: string[];
}

export function topicGrantsOf(name: KafkaClientName, prefix = ''): TopicGrants {
  const named = (key: TopicKey) => `${prefix}${TOPIC_NAMES[key]}`;
  const produces = TOPIC_KEYS.filter((key) => TOPIC_ACCESS[key].producer === name).map(named);
  if (name !== 'gateway') produces.push(`${prefix}${deadLetterTopicName(name)}`);
  const consumes = TOPIC_KEYS.filter((key) => TOPIC_ACCESS[key].consumers.includes(name)).map(named);
  return { produces, consumes };
}

/** An event that did not come from the service that alone produces to its topic: never applied, dead-lettered. */
export class EventSourceError extends ContractViolationError {
  constructor(eventType: string, field: 'ce_source' | 'ce_type', message: string) {
    super(eventType, [{ field, messages: [message] }]);
    this.message = `${eventType}: ${message}`;
    this.name = 'ContractViolationError';
  }
}

/**
 * Checks who produced an event read from `topic`: its `ce_source` must be the topic's producing
 * service, and a known type must belong on this topic. The broker's ACLs keep other principals off
 * the topic; this keeps a record written by anyone else (an admin, a replay gone wrong, a leaked
 * credential) from being applied as if that service had said it.
 */
export function verifyProducer(topic: string, event: { type: string; source: string }): void {
  const expected = expectedSourceOf(topic);
  if (!expected) throw new EventSourceError(event.type, 'ce_source', `topic ${topic} has no producing service in TOPIC_ACCESS`);
  if (event.source !== expected) {
    throw new EventSourceError(
      event.type,
      'ce_source',
      `ce_source ${JSON.stringify(event.source)} on ${topic}, where only ${expected} produces`,
    );
  }
  const definition = eventDefinition(event.type);
  if (definition && definition.topic !== topic) {
    throw new EventSourceError(event.type, 'ce_type', `events of type ${event.type} travel on ${definition.topic}, not ${topic}`);
  }
}
