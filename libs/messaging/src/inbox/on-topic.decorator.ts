import { EventHandler } from './event-handler';

/** The metadata key under which `@OnTopic` names a consumer method's topic. */
export const ON_TOPIC = 'rackeval:on-topic';

/**
 * Marks the consumer method for one topic. The method returns the topic's handlers, `on(EventType,
 * apply)` one line each; `TopicConsumers` collects them once at start-up and the transport hands
 * every delivery of the topic to the `EventInbox` with them: a consumer never names the inbox.
 */
export function OnTopic(topic: string) {
  return (_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<() => EventHandler[]>) => {
    Reflect.defineMetadata(ON_TOPIC, topic, descriptor.value!);
  };
}
