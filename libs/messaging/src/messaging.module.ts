import { DynamicModule, Global, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { deadLetterTopic } from '@rackeval/contracts';
import { ConsumerMonitor } from './consumer/consumer-monitor';
import { ConsumerHealthIndicator } from './consumer/consumer.health';
import { KAFKA_START_RETRY_MS, startRetrying } from './kafka/start-retrying';
import { DeadLetterPublisher } from './inbox/dead-letter.publisher';
import { EventInbox } from './inbox/event-inbox';
import { OffsetCommitter } from './inbox/offset-committer';
import { ExponentialBackoff, RETRY_POLICY } from './inbox/retry-policy';
import { TopicConsumers } from './inbox/topic-consumers';
import { KafkaConnection } from './kafka/kafka-connection';
import { KafkaHealthIndicator } from './kafka/kafka.health';
import { MESSAGING_SETTINGS, MessagingSettings } from './messaging.settings';
import { METRICS_COLLECTORS } from './observability/collectors';
import { EventFactory } from './outbox/event-factory';
import { MessagingJanitor } from './outbox/messaging-janitor';
import { OutboxRelay } from './outbox/outbox-relay';
import { ONCE_GUARD, OnceGuard, UnitOfWork } from './outbox/unit-of-work';

/**
 * The event runtime of one service. Needs a TypeORM DataSource in the application (the outbox and
 * inbox live in the service's schema) and the NestJS Kafka transport connected with
 * `kafkaServerOptions` for its consumers.
 */
/**
 * Processed event ids must be kept longer than Kafka keeps the events: otherwise a consumer that
 * rewinds (a reset group, a restored offset) meets events whose ids the inbox has forgotten, and
 * applies them twice. A topic kept longer than the inbox stops the service with a message naming both.
 */
export function checkInboxRetention(retention: Map<string, number>, inboxRetentionHours: number, logger: Pick<Logger, 'warn'>): void {
  const inboxMs = inboxRetentionHours * 3_600_000;
  for (const [topic, ms] of retention) {
    if (ms < 0)
      logger.warn(`topic ${topic} keeps events forever; processed event ids are kept ${inboxRetentionHours} h (INBOX_RETENTION_HOURS)`);
    else if (ms > inboxMs) {
      throw new Error(
        `INBOX_RETENTION_HOURS=${inboxRetentionHours} is shorter than the retention of topic ${topic} (${Math.ceil(ms / 3_600_000)} h): ` +
          'a rewound consumer could apply an event twice; raise INBOX_RETENTION_HOURS above the topic retention',
      );
    }
  }
}

@Global()
@Module({})
export class MessagingModule implements OnModuleInit {
  private readonly logger = new Logger(MessagingModule.name);
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly monitor: ConsumerMonitor,
    private readonly offsets: OffsetCommitter,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  /** `once` makes `UnitOfWork.runOnce` idempotent per request (the platform's HTTP edge supplies it). */
  static forRoot(settings: MessagingSettings, once?: OnceGuard): DynamicModule {
    const providers = [
      { provide: MESSAGING_SETTINGS, useValue: settings },
      { provide: ONCE_GUARD, useValue: once ?? null },
      { provide: RETRY_POLICY, useValue: new ExponentialBackoff(settings.consumerMaxAttempts, settings.consumerRetryBaseMs) },
      KafkaConnection,
      KafkaHealthIndicator,
      EventFactory,
      OutboxRelay,
      MessagingJanitor,
      UnitOfWork,
      DeadLetterPublisher,
      EventInbox,
      TopicConsumers,
      OffsetCommitter,
      ConsumerMonitor,
      ConsumerHealthIndicator,
    ];
    return {
      module: MessagingModule,
      imports: [TerminusModule, DiscoveryModule],
      providers: [...providers, ...METRICS_COLLECTORS],
      exports: providers,
    };
  }

  /**
   * Topics exist before the transport subscribes and before the relay's first send. A broker that
   * cannot be reached yet is tried again (`startRetrying`); a refusal stops the start at once.
   */
  async onModuleInit(): Promise<void> {
    this.monitor.onAssignment(() => this.offsets.rejoined());
    const retention = await startRetrying(
      async () => {
        await this.kafka.ensureTopics([...this.settings.topics, deadLetterTopic(this.settings.serviceName)]);
        return this.kafka.retentionMs(this.settings.topics);
      },
      {
        withinMs: KAFKA_START_RETRY_MS,
        afterFailure: (error, attempt) =>
          this.logger.warn(`provisioning the topics failed (attempt ${attempt}), retrying: ${(error as Error).message}`),
      },
    );
    checkInboxRetention(retention, this.settings.inboxRetentionHours, this.logger);
  }
}
