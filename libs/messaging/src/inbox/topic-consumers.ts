import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { EventHandler } from './event-handler';
import { ON_TOPIC } from './on-topic.decorator';

/**
 * The service's consumers, found among its controllers and providers by their `@OnTopic` methods:
 * each topic with the handlers its one method lists. A topic claimed by two methods stops the start:
 * the inbox records an event once, so a second consumer of it would never see the event.
 */
@Injectable()
export class TopicConsumers {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  handlersByTopic(): Map<string, EventHandler[]> {
    const found = new Map<string, { handlers: EventHandler[]; method: string }>();
    for (const { instance } of [...this.discovery.getControllers(), ...this.discovery.getProviders()]) {
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const topic: string | undefined = Reflect.getMetadata(ON_TOPIC, prototype[name] as object);
        if (topic === undefined) continue;
        const method = `${instance.constructor.name}.${name}`;
        const other = found.get(topic);
        if (other)
          throw new Error(
            `topic ${topic} has two consumers, ${other.method} and ${method}: list every handler of a topic in one @OnTopic method`,
          );
        found.set(topic, { handlers: (instance as Record<string, () => EventHandler[]>)[name](), method });
      }
    }
    return new Map([...found].map(([topic, { handlers }]) => [topic, handlers]));
  }
}
