import { Injectable } from '@nestjs/common';
import { webhookDeliveryTable } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { ReminderKind } from './reminder.rules';

export interface LeasedReminder {
  id: string;
  kind: ReminderKind;
  rackSerial: string;
  attempts: number;
  payload: Record<string, unknown>;
}

export interface DeliveryRow {
  id: string;
  reminder_id: string;
  rack_serial: string;
  kind: ReminderKind;
  threshold_days: number;
  attempt: number;
  attempted_at: Date;
  instance: string;
  url: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  outcome: 'DELIVERED' | 'RETRY' | 'GAVE_UP';
  state: 'PENDING' | 'DELIVERED' | 'FAILED';
}

/** A reminder is a leased webhook delivery; reminder_delivery logs its attempts. */
const REMINDER_DELIVERIES = webhookDeliveryTable({ table: 'reminder', log: { table: 'reminder_delivery', deliveryColumn: 'reminder_id' } });

const PAYLOAD = `jsonb_build_object(
  'rackSerial', o.rack_serial, 'generation', o.generation, 'state', o.state, 'site', o.site,
  'expiresAt', to_char(o.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'requestedBy', o.requested_by,
  'requestedAt', to_char(o.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'unitPrice', t.unit_price::text, 'currency', btrim(t.currency))`;

/** Claims, leases and the delivery log of reminder webhooks. */
@Injectable()
export class RemindersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims every undecided option expiring in (now + after, now + days]; the unique key makes a claim happen once across instances. */
  async claimExpiring(days: number, after: number, instance: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `INSERT INTO reminder (rack_serial, kind, threshold_days, occurrence, payload, claimed_by)
       SELECT o.rack_serial, 'OPTION_EXPIRING', $1, o.expires_at, ${PAYLOAD} || jsonb_build_object('thresholdDays', $1::int), $3
         FROM purchase_option o LEFT JOIN option_terms t ON t.generation = o.generation AND t.version = o.terms_version
        WHERE o.state IN ('EXERCISABLE', 'NOT_EXERCISABLE')
          AND o.expires_at > now() + make_interval(days => $2) AND o.expires_at <= now() + make_interval(days => $1)
       ON CONFLICT ON CONSTRAINT reminder_once DO NOTHING
       RETURNING id`,
      [days, after, instance],
    )) as unknown[];
    return rows.length;
  }

  /** Claims every exercise request waiting for a second person's approval, once per request. */
  async claimApprovals(instance: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `INSERT INTO reminder (rack_serial, kind, threshold_days, occurrence, payload, claimed_by)
       SELECT o.rack_serial, 'APPROVAL_WAITING', 0, o.requested_at, ${PAYLOAD}, $1
         FROM purchase_option o LEFT JOIN option_terms t ON t.generation = o.generation AND t.version = o.terms_version
        WHERE o.state = 'PENDING_APPROVAL' AND o.requested_at IS NOT NULL
       ON CONFLICT ON CONSTRAINT reminder_once DO NOTHING
       RETURNING id`,
      [instance],
    )) as unknown[];
    return rows.length;
  }

  /** Leases due reminders to this instance; a lease that outlives a crashed instance expires and another takes over. */
  async leaseDue(instance: string, leaseMs: number, limit: number): Promise<LeasedReminder[]> {
    const rows = (await this.dataSource.query(
      `UPDATE reminder SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (SELECT id FROM reminder
                      WHERE state = 'PENDING' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, rack_serial, attempts, payload`,
      [instance, leaseMs, limit],
    )) as [Array<{ id: string; kind: ReminderKind; rack_serial: string; attempts: number; payload: Record<string, unknown> }>, number];
    return rows[0].map((row) => ({
      id: String(row.id),
      kind: row.kind,
      rackSerial: row.rack_serial,
      attempts: row.attempts,
      payload: row.payload,
    }));
  }

  /** Logs one attempt and moves the reminder on, only while this instance still holds the lease. */
  async recordAttempt(
    reminder: LeasedReminder,
    instance: string,
    attempt: {
      url: string;
      at: Date;
      statusCode: number | null;
      error: string | null;
      durationMs: number;
      outcome: DeliveryRow['outcome'];
      retryInMs: number;
    },
  ): Promise<void> {
    const { retryInMs, ...entry } = attempt;
    const state = attempt.outcome === 'DELIVERED' ? 'DELIVERED' : attempt.outcome === 'GAVE_UP' ? 'FAILED' : 'PENDING';
    await this.dataSource.transaction((manager) => REMINDER_DELIVERIES.recordAttempt(manager, reminder, instance, state, retryInMs, entry));
  }

  /** The delivery log, newest first, keyset-paged by id. */
  deliveries(beforeId: string | null, take: number): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT d.id, d.reminder_id, r.rack_serial, r.kind, r.threshold_days, d.attempt, d.attempted_at, d.instance, d.url,
              d.status_code, d.error, d.duration_ms, d.outcome, r.state
         FROM reminder_delivery d JOIN reminder r ON r.id = d.reminder_id
        WHERE ($1::bigint IS NULL OR d.id < $1::bigint)
        ORDER BY d.id DESC LIMIT $2`,
      [beforeId, take],
    );
  }

  /** Options waiting for approval that this person did not request (four-eyes compares ids, not usernames). */
  async awaitingApprovalBy(actorId: string): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      `SELECT rack_serial FROM purchase_option WHERE state = 'PENDING_APPROVAL' AND requested_by_id IS DISTINCT FROM $1`,
      [actorId],
    )) as Array<{ rack_serial: string }>;
    return new Set(rows.map((row) => row.rack_serial));
  }
}
