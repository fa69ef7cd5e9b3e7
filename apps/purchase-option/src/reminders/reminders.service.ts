import { Inject, Injectable } from '@nestjs/common';
import { Cursor, Page, SERVICE_CONFIG } from '@rackeval/platform';
import { PurchaseOptionConfig } from '../config';
import { Actor } from '../identity/actor';
import { OptionsQueryService } from '../options/options-query.service';
import { DeliveriesQuery, ReminderDeliveryView, RemindersQuery, RemindersView } from './dto/reminders.view';
import { expiryBands } from './reminder.rules';
import { DeliveryRow, RemindersRepository } from './reminders.repository';

/** What finance is reminded of in the console (the same conditions the webhook fires on) and the webhook's delivery log. */
@Injectable()
export class RemindersService {
  constructor(
    private readonly options: OptionsQueryService,
    private readonly repository: RemindersRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PurchaseOptionConfig,
  ) {}

  async forActor(actor: Actor, query: RemindersQuery): Promise<RemindersView> {
    const withinDays = query.withinDays ?? expiryBands(this.config.REMINDER_EXPIRY_DAYS)[0]?.days ?? 7;
    const expiring = (await this.options.all({ expiringWithinDays: withinDays })).filter(
      (o) => o.state === 'EXERCISABLE' || o.state === 'NOT_EXERCISABLE',
    );
    const theirs = await this.repository.awaitingApprovalBy(actor.id);
    const awaitingYourApproval = (await this.options.all({ state: 'PENDING_APPROVAL' })).filter((o) => theirs.has(o.rackSerial));
    return {
      withinDays,
      count: expiring.length + awaitingYourApproval.length,
      expiring,
      awaitingYourApproval,
      webhookEnabled: this.config.REMINDER_WEBHOOK_URL !== '',
    };
  }

  async deliveries(query: DeliveriesQuery): Promise<Page<ReminderDeliveryView>> {
    const position = Cursor.decode(query.cursor, ['bigint'] as const);
    const rows = await this.repository.deliveries(position ? String(position[0]) : null, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [String(row.id)], toDeliveryView);
  }
}

function toDeliveryView(row: DeliveryRow): ReminderDeliveryView {
  return {
    id: String(row.id),
    reminderId: String(row.reminder_id),
    rackSerial: row.rack_serial,
    kind: row.kind,
    thresholdDays: row.threshold_days,
    attempt: row.attempt,
    attemptedAt: row.attempted_at.toISOString(),
    instance: row.instance,
    url: row.url,
    statusCode: row.status_code,
    error: row.error,
    durationMs: row.duration_ms,
    outcome: row.outcome,
    reminderState: row.state,
  };
}
