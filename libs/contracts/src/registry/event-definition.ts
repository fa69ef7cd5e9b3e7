import { TopicName } from '../topics';

export type PayloadClass<T extends object = object> = new () => T;

/** One versioned event type: its name, where it travels and the shape of its data. */
export interface EventDefinition<T extends object = object> {
  /** Explicit, versioned type name, e.g. `rackeval.intake.rack.inspected.v1`. Never derived from a class name. */
  readonly type: string;
  readonly topic: TopicName;
  readonly payload: PayloadClass<T>;
  readonly summary: string;
  /** The CloudEvents subject and Kafka partition key: the rack serial for rack events. */
  readonly subjectOf: (data: T) => string;
}

export type EventData<D> = D extends EventDefinition<infer T> ? T : never;

const TYPE_PATTERN = /^rackeval\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v\d+$/;

export function defineEvent<T extends object>(definition: EventDefinition<T>): EventDefinition<T> {
  if (!TYPE_PATTERN.test(definition.type)) {
    throw new Error(`event type ${definition.type} must look like rackeval.<service>.<aggregate>.<fact>.v<n>`);
  }
  return Object.freeze(definition);
}

/** Rack events are keyed by serial so one rack's events stay in order on one partition. */
export const byRackSerial = (data: { rackSerial: string }) => data.rackSerial;
