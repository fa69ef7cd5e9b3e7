import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { EventHandler } from './event-handler';
import { EventInbox } from './event-inbox';

/** Where the consumer's inbox is injected (a property, so the consumer's constructor names only its services). */
const INBOX = Symbol('EventInbox');

type Consumer = { [INBOX]: EventInbox };
type HandlersOf = (this: Consumer, context: KafkaContext) => EventHandler[];

/**
 * Marks the consumer method for one topic on the NestJS Kafka transport. The method returns the
 * topic's handlers, `on(EventType, apply)` one line each, and each record of the topic goes to
 * `EventInbox.consume` with them: the inbox, injected here, is never named by a consumer. The method
 * is given the record's `KafkaContext`, which a consumer needs only to refuse a record before the inbox.
 * Only the transport calls it, and gets the inbox's promise back, not the list the method's type names.
 */
export function OnTopic(topic: string): MethodDecorator {
  return (target, key, descriptor) => {
    const handlersOf = descriptor.value as unknown as HandlersOf;
    const consume = function (this: Consumer, context: KafkaContext) {
      return this[INBOX].consume(context, handlersOf.call(this, context));
    };
    for (const metadataKey of Reflect.getMetadataKeys(handlersOf)) {
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, handlersOf), consume);
    }
    (descriptor as PropertyDescriptor).value = consume;
    Inject(EventInbox)(target, INBOX);
    Ctx()(target, key, 0);
    Reflect.defineMetadata('design:paramtypes', [KafkaContext], target, key);
    return EventPattern<string>(topic)(target, key, descriptor);
  };
}
