import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';

const EVERY_MS = 10 * 60_000;
const BATCH = 10_000;

/**
 * Keeps the outbox and inbox from growing forever. Published outbox rows are only history after a
 * while; inbox ids must outlive the broker's retention (a redelivery can come at most that late),
 * so their retention is set longer than Kafka's. Deleting is idempotent, so every instance may run it.
 */
@Injectable()
export class MessagingJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((error: Error) => this.logger.warn(`cleanup failed: ${error.message}`)), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes expired rows in bounded batches; returns how many went. */
  async sweep(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.deleteBatch(
      `DELETE FROM outbox_message WHERE seq IN (SELECT seq FROM outbox_message WHERE published_at < now() - make_interval(hours => $1) LIMIT ${BATCH})`,
      this.settings.outboxRetentionHours,
    );
    const inbox = await this.deleteBatch(
      `DELETE FROM inbox_event WHERE event_id IN (SELECT event_id FROM inbox_event WHERE processed_at < now() - make_interval(hours => $1) LIMIT ${BATCH})`,
      this.settings.inboxRetentionHours,
    );
    return { outbox, inbox };
  }

  private async deleteBatch(sql: string, hours: number): Promise<number> {
    const [, count] = (await this.dataSource.query(sql, [hours])) as [unknown, number];
    return count ?? 0;
  }
}
