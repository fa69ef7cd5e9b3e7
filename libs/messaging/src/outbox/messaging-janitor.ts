import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';
import { DEFAULT_SWEEP_LIMITS, SweepLimits, sweepInBatches, sweepPeriodically } from './batched-sweep';

/**
 * Keeps the outbox and inbox from growing forever. Published outbox rows are only history after a
 * while; inbox ids must outlive the broker's retention (a redelivery can come at most that late),
 * so their retention is set longer than Kafka's. Each pass deletes in batches until nothing is due
 * (bounded in time, pausing between batches), so it keeps up with any sustained write rate; one
 * instance sweeps a pass, the others skip it (advisory lock).
 */
@Injectable()
export class MessagingJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingJanitor.name);
  private stopSweeping?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.stopSweeping = sweepPeriodically(() => this.sweep(), this.logger);
  }

  onApplicationShutdown(): void {
    this.stopSweeping?.();
  }

  /** Deletes every expired row, batch by batch; returns how many went (none when another instance is sweeping). */
  async sweep(limits: SweepLimits = DEFAULT_SWEEP_LIMITS): Promise<{ outbox: number; inbox: number }> {
    const deleted = await sweepInBatches(
      this.dataSource,
      'messaging',
      [
        {
          name: 'outbox',
          deleteBatch: `DELETE FROM outbox_message WHERE seq IN (SELECT seq FROM outbox_message WHERE published_at < now() - make_interval(hours => $2) LIMIT $1)`,
          parameters: [this.settings.outboxRetentionHours],
        },
        {
          name: 'inbox',
          deleteBatch: `DELETE FROM inbox_event WHERE event_id IN (SELECT event_id FROM inbox_event WHERE processed_at < now() - make_interval(hours => $2) LIMIT $1)`,
          parameters: [this.settings.inboxRetentionHours],
        },
      ],
      limits,
    );
    return { outbox: deleted?.outbox ?? 0, inbox: deleted?.inbox ?? 0 };
  }
}
