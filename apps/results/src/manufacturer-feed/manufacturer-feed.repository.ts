import { Injectable } from '@nestjs/common';
import { recordOf, type Row } from '@rackeval/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedDeliveryState } from './feed-delivery.state-machine';
import type { AttemptOutcome, QueuedDelivery } from './manufacturer-feed.rules';

/** A delivery as the log lists it, with every attempt. */
export interface FeedDeliveryRecord {
  id: string;
  eventId: string;
  findingId: string;
  rackSerial: string;
  type: QueuedDelivery['type'];
  occurredAt: string;
  state: FeedDeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  attemptLog: FeedAttemptRecord[];
}

export interface FeedAttemptRecord {
  attempt: number;
  attemptedAt: string;
  instance: string;
  url: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  outcome: AttemptOutcome;
}

const LIST_COLUMNS = `d.id::text AS id, d.event_id, d.finding_id, d.rack_serial, d.type, d.occurred_at, d.state, d.attempts,
  CASE WHEN d.state = 'PENDING' THEN d.next_attempt_at END AS next_attempt_at, d.created_at, d.delivered_at,
  coalesce((SELECT jsonb_agg(jsonb_build_object(
      'attempt', a.attempt, 'attemptedAt', to_char(a.attempted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'instance', a.instance, 'url', a.url, 'statusCode', a.status_code, 'error', a.error, 'durationMs', a.duration_ms,
      'outcome', a.outcome) ORDER BY a.id)
    FROM manufacturer_feed_attempt a WHERE a.delivery_id = d.id), '[]'::jsonb) AS attempt_log`;

/** The feed's switch, leases and delivery log (queueing is the trigger's, see the ManufacturerFeed migration). */
@Injectable()
export class ManufacturerFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** On: changes of findings are queued from now on (in their own transaction); off: none are. */
  async setSwitch(enabled: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE manufacturer_feed_switch SET enabled = $1, changed_at = now() WHERE id AND enabled IS DISTINCT FROM $1`,
      [enabled],
    );
  }

  /**
   * Leases due deliveries to this instance, each only when no earlier delivery of its finding is
   * still PENDING (so one finding's deliveries go out in order); SKIP LOCKED and the lease make each
   * one claimed by one instance, and a lease outliving a crashed instance expires for another.
   */
  async leaseDue(instance: string, leaseMs: number, limit: number): Promise<QueuedDelivery[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE manufacturer_feed_delivery SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (SELECT d.id FROM manufacturer_feed_delivery d
                      WHERE d.state = 'PENDING' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
                        AND NOT EXISTS (SELECT 1 FROM manufacturer_feed_delivery e
                                         WHERE e.finding_id = d.finding_id AND e.state = 'PENDING' AND e.id < d.id)
                      ORDER BY d.id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id::text AS id, event_id, finding_id, type, occurred_at, note, finding, evidence, attempts, round_attempts`,
      [instance, leaseMs, limit],
    )) as [Row[], number];
    return rows.map((row) => recordOf<QueuedDelivery>(row));
  }

  async find(manager: EntityManager, id: string): Promise<FeedDeliveryRecord | undefined> {
    const [row] = (await manager.query(`SELECT ${LIST_COLUMNS} FROM manufacturer_feed_delivery d WHERE d.id = $1`, [id])) as Row[];
    return row ? recordOf<FeedDeliveryRecord>(row) : undefined;
  }

  /** The log, newest first, keyset-paged by id. */
  async list(state: FeedDeliveryState | undefined, beforeId: string | null, take: number): Promise<FeedDeliveryRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${LIST_COLUMNS} FROM manufacturer_feed_delivery d
        WHERE ($1::text IS NULL OR d.state = $1) AND ($2::bigint IS NULL OR d.id < $2::bigint)
        ORDER BY d.id DESC LIMIT $3`,
      [state ?? null, beforeId, take],
    )) as Row[];
    return rows.map((row) => recordOf<FeedDeliveryRecord>(row));
  }
}
