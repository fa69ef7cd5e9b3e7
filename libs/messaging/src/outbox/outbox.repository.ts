import { CloudEvent, toKafkaRecord } from '@rackeval/contracts';
import { EntityManager } from 'typeorm';
import { NamedStatement } from '../database/named-statement';

export interface PendingEvent {
  event: CloudEvent;
  topic: string;
  /** W3C trace context of the transaction that wrote the event, stored with its headers. */
  trace?: Record<string, string>;
}

export interface OutboxRow {
  event_id: string;
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  payload: string;
}

/** All the events of a transaction, in order, one row each. */
const APPEND = new NamedStatement(
  'outbox_append',
  `INSERT INTO outbox_message (event_id, event_type, topic, partition_key, headers, payload)
   SELECT id, type, topic, key, headers::jsonb, payload
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       WITH ORDINALITY AS e(id, type, topic, key, headers, payload, position)
    ORDER BY position`,
);

/** The relay's pass: marks the batch published last, renews the lease, claims the next (see `markAndClaim`). */
const MARK_AND_CLAIM = new NamedStatement(
  'outbox_mark_and_claim',
  `WITH marked AS (
     UPDATE outbox_message SET published_at = now() WHERE event_id = ANY($5::text[]) AND published_at IS NULL),
   lease AS (
     INSERT INTO outbox_relay_lease AS current (name, holder, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
     ON CONFLICT (name) DO UPDATE
       SET holder = excluded.holder, expires_at = excluded.expires_at,
           acquired_at = CASE WHEN current.holder = excluded.holder THEN current.acquired_at ELSE now() END
       WHERE current.holder = excluded.holder OR current.expires_at < now()
     RETURNING holder)
   SELECT true AS leased, m.event_id, m.topic, m.partition_key, m.headers, m.payload
     FROM lease LEFT JOIN LATERAL (
       SELECT event_id, topic, partition_key, headers, payload FROM outbox_message
        WHERE published_at IS NULL AND event_id <> ALL($5::text[]) ORDER BY seq LIMIT $4) m ON true`,
);

/** A batch Kafka acked, marked on its own: one smaller than the claim limit (no claim follows at once), or the last at shutdown. */
const MARK_PUBLISHED = new NamedStatement(
  'outbox_mark_published',
  `UPDATE outbox_message SET published_at = now() WHERE event_id = ANY($1)`,
);

/** The outbox table; always used inside the caller's transaction. */
export const OutboxRepository = {
  /**
   * All the events a transaction produced in one statement: columns travel as arrays, so the
   * statement has six parameters however many events there are.
   */
  async append(manager: EntityManager, pending: PendingEvent[]): Promise<void> {
    if (!pending.length) return;
    const columns: string[][] = [[], [], [], [], [], []];
    for (const { event, topic, trace } of pending) {
      const record = toKafkaRecord(event);
      const headers = { ...record.headers, ...trace };
      [event.id, event.type, topic, record.key, JSON.stringify(headers), record.value].forEach((value, column) =>
        columns[column].push(value),
      );
    }
    await APPEND.rows(manager, columns);
  },

  /**
   * Marks the batch the previous pass published (`published`, once Kafka acked it), takes or renews
   * the relay lease and, when this holder has it, reads the oldest unpublished rows: one statement,
   * no transaction left open. The lease is what keeps a single publisher (and so per-key order); a
   * holder that stops renewing loses it after `leaseMs`. Rows are claimed by "not yet published"
   * (the marks made in this statement are not visible to its own read, so they are excluded by id).
   */
  async markAndClaim(
    manager: EntityManager,
    lease: { name: string; holder: string; leaseMs: number },
    limit: number,
    published: string[] = [],
  ): Promise<OutboxRow[] | undefined> {
    const rows = await MARK_AND_CLAIM.rows<OutboxRow & { leased: boolean }>(manager, [
      lease.name,
      lease.holder,
      lease.leaseMs,
      limit,
      published,
    ]);
    if (!rows.length) return undefined;
    return rows.filter((row) => row.event_id !== null).map(({ leased: _, ...row }) => row);
  },

  /** Gives the lease up at shutdown so another instance takes over at once. */
  async releaseLease(manager: EntityManager, name: string, holder: string): Promise<void> {
    await manager.query(`DELETE FROM outbox_relay_lease WHERE name = $1 AND holder = $2`, [name, holder]);
  },

  async markPublished(manager: EntityManager, eventIds: string[]): Promise<void> {
    await MARK_PUBLISHED.rows(manager, [eventIds]);
  },
};
