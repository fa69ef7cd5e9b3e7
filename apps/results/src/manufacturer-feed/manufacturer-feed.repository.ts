import { Injectable } from '@nestjs/common';
import { recordOf, type Row } from '@rackeval/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedDeliveryState } from './feed-delivery.state-machine';
import type { AttemptOutcome, EvidenceCopy, FindingCopy, QueuedDelivery } from './manufacturer-feed.rules';

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

/** A delivery about to be queued: the change it announces and the finding and evidence as they stood then. */
export interface NewFeedDelivery {
  historyId: string;
  findingId: string;
  rackSerial: string;
  type: QueuedDelivery['type'];
  occurredAt: string;
  note: string | null;
  finding: FindingCopy;
  evidence: EvidenceCopy[];
}

/** The feed's queue, leases and delivery log. */
@Injectable()
export class ManufacturerFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The files attached to the finding and to its run, in the order the finding's page lists them. */
  async evidenceOf(manager: EntityManager, findingId: string, runId: string | null): Promise<EvidenceCopy[]> {
    const rows = (await manager.query(
      `SELECT a.id, a.subject, a.subject_id, a.filename, a.media_type, a.size_bytes AS size, a.sha256
         FROM attachment a
        WHERE (a.subject = 'FINDING' AND a.subject_id = $1) OR (a.subject = 'RUN' AND a.subject_id = $2)
        ORDER BY a.subject, a.uploaded_at, a.id`,
      [findingId, runId],
    )) as Row[];
    // size_bytes is a bigint (a string from pg); a file's size fits a JSON number.
    return rows.map((row) => ({ ...recordOf<EvidenceCopy>(row), size: Number(row.size) }));
  }

  /**
   * Queues one delivery in the caller's transaction (PENDING, due now), numbered after every earlier
   * one of its finding; one per history line, so a change is never queued twice.
   */
  async enqueue(manager: EntityManager, delivery: NewFeedDelivery): Promise<void> {
    await manager.query(
      `INSERT INTO manufacturer_feed_delivery (history_id, finding_id, rack_serial, type, occurred_at, note, finding, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (history_id) DO NOTHING`,
      [
        delivery.historyId,
        delivery.findingId,
        delivery.rackSerial,
        delivery.type,
        delivery.occurredAt,
        delivery.note,
        JSON.stringify(delivery.finding),
        JSON.stringify(delivery.evidence),
      ],
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
