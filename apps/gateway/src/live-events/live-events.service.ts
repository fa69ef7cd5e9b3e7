import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { LiveEvent } from '@rackeval/api-client';
import type { Role } from '@rackeval/auth';
import { fromKafkaRecord, kafkaPrincipal, Topics, verifyProducer } from '@rackeval/contracts';
import { ensureTopics, KAFKA_START_RETRY_MS, startRetrying } from '@rackeval/messaging';
import { kafkaSaslOf } from '@rackeval/platform';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { filter, map, Observable, Subject } from 'rxjs';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/** Option events carry prices and decisions: only the roles that may read options see them live. */
const AUDIENCE: Record<string, Role[] | 'everyone'> = {
  [Topics.intakeRacks]: 'everyone',
  [Topics.testRunRuns]: 'everyone',
  [Topics.resultsEvaluations]: 'everyone',
  [Topics.purchaseOptions]: ['finance', 'admin', 'viewer'],
};

/**
 * Feeds the console's live updates from Kafka. Each gateway instance reads every event with its own
 * throw-away consumer group (live only: it starts at the end of each topic), and each connection
 * sees only what its roles may see.
 */
@Injectable()
export class LiveEventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveEventsService.name);
  private readonly events = new Subject<{ topic: string; event: LiveEvent }>();
  private consumer?: Consumer;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async onModuleInit(): Promise<void> {
    const brokers = this.config.KAFKA_BROKERS.split(',');
    const topics = Object.keys(AUDIENCE);
    const sasl = kafkaSaslOf(this.config, kafkaPrincipal('gateway'));
    const kafka = new Kafka({ clientId: 'rackeval-gateway-live', brokers, sasl, logLevel: logLevel.WARN });
    // A broker away, or a broker of a cluster that does not host a topic just created yet: the start
    // is retried while the failure is the infrastructure's; a refusal stops it at once.
    this.consumer = await startRetrying(() => this.startConsumer(kafka, topics), {
      withinMs: KAFKA_START_RETRY_MS,
      afterFailure: (error, attempt) =>
        this.logger.warn(`starting the live-events consumer failed (attempt ${attempt}), retrying: ${(error as Error).message}`),
    });
  }

  private async startConsumer(kafka: Kafka, topics: string[]): Promise<Consumer> {
    // The services create these too; whoever starts first creates them with the same partitions.
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics, this.config.KAFKA_PARTITIONS).finally(() => admin.disconnect());
    // Under the principal's group prefix, which is all its ACLs allow.
    const consumer = kafka.consumer({
      groupId: `${kafkaPrincipal('gateway')}-live-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 10_000,
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: false });
      await consumer.run({ eachMessage: async ({ topic, message }) => this.publish(topic, message) });
      return consumer;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private publish(topic: string, message: KafkaMessage): void {
    try {
      const event = fromKafkaRecord(message);
      verifyProducer(topic, event);
      this.events.next({
        topic,
        event: {
          id: event.id,
          type: event.type,
          subject: event.subject,
          time: event.time,
          correlationId: event.correlationid,
          data: event.data,
        },
      });
    } catch (error) {
      this.logger.warn(`skipped a record on ${topic} that is not a CloudEvent from its service: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.events.complete();
    await this.consumer?.disconnect();
  }

  /** The events a user with these roles may see, as they happen. */
  streamFor(roles: Role[]): Observable<LiveEvent> {
    return this.events.pipe(
      filter(({ topic }) => {
        const audience = AUDIENCE[topic];
        return audience === 'everyone' || audience.some((role) => roles.includes(role));
      }),
      map(({ event }) => event),
    );
  }
}
