import { EventPattern } from '@nestjs/microservices';

/**
 * Marks the consumer method for one topic on the NestJS Kafka transport. The method takes only
 * `@Ctx() context: KafkaContext` and hands it to `EventInbox.consume`, which reads the record itself.
 */
export const OnTopic = (topic: string): MethodDecorator => EventPattern<string>(topic);
