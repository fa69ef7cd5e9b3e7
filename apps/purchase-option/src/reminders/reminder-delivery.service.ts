import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PurchaseOptionConfig } from '../config';
import { backoffMs, expiryBands } from './reminder.rules';
import { postReminder } from './reminder-webhook';
import { RemindersRepository } from './reminders.repository';

const BATCH = 50;

/**
 * One pass: claim what is due (once across instances, by the unique key), then deliver what this
 * instance leased, logging every attempt and backing off after a failure.
 */
@Injectable()
export class ReminderDeliveryService {
  readonly instance = `${hostname()}#${process.pid}#${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly repository: RemindersRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PurchaseOptionConfig,
  ) {}

  get enabled(): boolean {
    return this.config.REMINDER_WEBHOOK_URL !== '';
  }

  async pass(): Promise<string | void> {
    if (!this.enabled) return;
    let claimed = await this.repository.claimApprovals(this.instance);
    for (const band of expiryBands(this.config.REMINDER_EXPIRY_DAYS))
      claimed += await this.repository.claimExpiring(band.days, band.after, this.instance);
    const leaseMs = this.config.REMINDER_WEBHOOK_TIMEOUT_MS * 2 + 5_000;
    const due = await this.repository.leaseDue(this.instance, leaseMs, BATCH);
    let delivered = 0;
    for (const reminder of due) {
      const at = new Date();
      const body = JSON.stringify({ id: reminder.id, kind: reminder.kind, sentAt: at.toISOString(), ...reminder.payload });
      const answer = await postReminder(
        {
          url: this.config.REMINDER_WEBHOOK_URL,
          secret: this.config.REMINDER_WEBHOOK_SECRET,
          timeoutMs: this.config.REMINDER_WEBHOOK_TIMEOUT_MS,
        },
        reminder,
        body,
        at,
      );
      const attempt = reminder.attempts + 1;
      const outcome = answer.error === null ? 'DELIVERED' : attempt >= this.config.REMINDER_MAX_ATTEMPTS ? 'GAVE_UP' : 'RETRY';
      if (outcome === 'DELIVERED') delivered += 1;
      await this.repository.recordAttempt(reminder, this.instance, {
        url: this.config.REMINDER_WEBHOOK_URL,
        at,
        ...answer,
        outcome,
        retryInMs: outcome === 'RETRY' ? backoffMs(attempt, this.config.REMINDER_RETRY_BASE_MS) : 0,
      });
    }
    if (claimed || due.length) return `reminders: ${claimed} claimed, ${delivered} of ${due.length} delivered`;
  }
}
