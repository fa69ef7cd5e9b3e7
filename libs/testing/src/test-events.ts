import { randomUUID } from 'node:crypto';
import { type CloudEvent, type EventDefinition, expectedSourceOf, type KafkaRecord, toKafkaRecord } from '@rackeval/contracts';
import { produceRaw } from './kafka-inspection';

/** What a test may set on an event; anything left out is what the producing service would send. */
export interface TestEventOptions {
  /** Default: a new UUID. */
  id?: string;
  /** Default: the one service that produces to the definition's topic (a forged source tests the refusal). */
  source?: string;
  /** Default: now. An earlier instant stands for an event published (or replayed) late. */
  time?: Date | string;
  /** Default: `definition.subjectOf(data)`, which is also the Kafka key. */
  subject?: string;
  /** Default: a new UUID. */
  correlationid?: string;
  causationid?: string;
}

/** One CloudEvent of `definition`, as its producing service's outbox would publish it. */
export function testEvent<T extends object>(definition: EventDefinition<T>, data: T, options: TestEventOptions = {}): CloudEvent<T> {
  const time = options.time ?? new Date();
  return {
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    source: options.source ?? expectedSourceOf(definition.topic) ?? `rackeval/${definition.type.split('.')[1]}`,
    type: definition.type,
    time: typeof time === 'string' ? time : time.toISOString(),
    subject: options.subject ?? definition.subjectOf(data),
    datacontenttype: 'application/json',
    correlationid: options.correlationid ?? randomUUID(),
    ...(options.causationid ? { causationid: options.causationid } : {}),
    data,
  };
}

/** The same event as a Kafka record: binary-mode CloudEvent headers, keyed by its subject. */
export function testEventRecord<T extends object>(definition: EventDefinition<T>, data: T, options: TestEventOptions = {}): KafkaRecord {
  return toKafkaRecord(testEvent(definition, data, options));
}

/**
 * Publishes one event per payload onto the definition's topic (or `topic`), as the producing
 * service would, in one batch; returns the events sent.
 */
export async function produceEvents<T extends object>(
  definition: EventDefinition<T>,
  data: readonly T[],
  options: TestEventOptions & { topic?: string } = {},
): Promise<Array<CloudEvent<T>>> {
  const { topic = definition.topic, ...event } = options;
  const events = data.map((payload) => testEvent(definition, payload, event));
  await produceRaw(topic, events.map(toKafkaRecord));
  return events;
}
