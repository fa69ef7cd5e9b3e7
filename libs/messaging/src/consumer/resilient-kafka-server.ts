import { Logger } from '@nestjs/common';
import { KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import { EventInbox } from '../inbox/event-inbox';
import { OffsetCommitter } from '../inbox/offset-committer';
import { TopicConsumers } from '../inbox/topic-consumers';
import { ConsumerMonitor } from './consumer-monitor';
import { KAFKA_START_RETRY_MS, startRetrying } from '../kafka/start-retrying';

/**
 * The NestJS Kafka transport, made to survive what kafkajs gives up on. It subscribes to the topics
 * of the service's `@OnTopic` consumers and hands each partition's share of a fetch to the
 * `EventInbox` whole, so the inbox can apply consecutive events in one transaction. kafkajs restarts its
 * consumer only after a retriable crash; any other crash leaves a process that answers HTTP and
 * consumes nothing. At start, an infrastructure failure (a broker of a cluster that does not host
 * a topic just created yet, a broker away) is retried for up to `KAFKA_START_RETRY_MS`; a failure of the
 * service's own making (a refused ACL, say) fails the start at once. This server reports the
 * consumer's state to the `ConsumerMonitor`, rebuilds the consumer after a crash that kafkajs will
 * not restart or once the monitor finds it wedged (a member by its own account, without a heartbeat
 * for two session timeouts), and at shutdown stops consuming, then commits what was applied, then
 * leaves the group.
 */
export class ResilientKafkaServer extends ServerKafka {
  /** How often the consumer is checked for being wedged. */
  static readonly WATCH_INTERVAL_MS = 2_000;
  private readonly log = new Logger('KafkaConsumer');
  private closing = false;
  private restarting?: Promise<void>;
  private watchdog?: NodeJS.Timeout;

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly monitor: ConsumerMonitor,
    private readonly committer: OffsetCommitter,
    private readonly inbox: EventInbox,
    private readonly consumers: TopicConsumers,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const handlers = this.consumers.handlersByTopic();
    if (handlers.size > 0) await consumer.subscribe({ ...this.options.subscribe, topics: [...handlers.keys()] });
    await consumer.run({
      ...this.options.run,
      // The inbox tells kafkajs which records it has settled; a record it is still retrying is not.
      eachBatchAutoResolve: false,
      eachBatch: (delivery) => this.inbox.consume(delivery, handlers.get(delivery.batch.topic) ?? [], consumer),
    });
  }

  override async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await startRetrying(
        async () => {
          this.client = await this.createClient();
          await this.start(callback);
        },
        {
          withinMs: KAFKA_START_RETRY_MS,
          stopped: () => this.closing,
          afterFailure: async (error, attempt) => {
            this.log.warn(`starting the consumer failed (attempt ${attempt}), retrying: ${(error as Error).message}`);
            await super.close().catch(() => undefined);
          },
        },
      );
    } catch (error) {
      callback(error);
    }
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    if (!this.consumer) return;
    this.monitor.attach(this.consumer);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.closing)
        this.restart(`consumer crashed and kafkajs will not restart it (${payload.error.name}: ${payload.error.message})`);
    });
    this.watchdog ??= setInterval(() => {
      const wedged = this.monitor.wedged();
      if (!wedged || this.closing || this.restarting) return;
      this.monitor.rebuilding();
      this.restart(`consumer wedged: ${wedged}`);
    }, ResilientKafkaServer.WATCH_INTERVAL_MS).unref();
  }

  override async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchdog);
    await this.restarting;
    await this.consumer?.stop().catch(() => undefined);
    await this.committer.close();
    await super.close();
  }

  private restart(why: string): void {
    this.log.error(`${why}; rebuilding it`);
    this.restarting ??= (async () => {
      for (let attempt = 1; !this.closing; attempt += 1) {
        try {
          await super.close();
          this.client = await this.createClient();
          await this.start(() => undefined);
          this.log.log(`consumer rebuilt after ${attempt} attempt(s)`);
          return;
        } catch (error) {
          this.log.error(`rebuilding the consumer failed (attempt ${attempt}): ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * attempt, 10_000)));
        }
      }
    })().finally(() => (this.restarting = undefined));
  }
}
