import { CloudEvent, toKafkaRecord } from '@rackeval/contracts';
import { EntityManager } from 'typeorm';

export interface PendingEvent {
  event: CloudEvent;
  topic: string;
}

export interface OutboxRow {
  event_id: string;
  topic: string;
  partition_key: string;
  headers: Record<string, string>;
  payload: string;
}

/** The outbox table; always used inside the caller's transaction. */
export const OutboxRepository = {
  /**
   * All the events a transaction produced in one statement: columns travel as arrays, so the
   * statement has six parameters however many events there are.
   */
  async append(manager: EntityManager, pending: PendingEvent[]): Promise<void> {
    if (!pending.length) return;
    const columns: string[][] = [[], [], [], [], [], []];
    for (const { event, topic } of pending) {
      const record = toKafkaRecord(event);
      [event.id, event.type, topic, record.key, JSON.stringify(record.headers), record.value].forEach((value, column) =>
        columns[column].push(value),
      );
    }
    await manager.query(
      `INSERT INTO outbox_message (event_id, event_type, topic, partition_key, headers, payload)
       SELECT id, type, topic, key, headers::jsonb, payload
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           WITH ORDINALITY AS e(id, type, topic, key, headers, payload, position)
        ORDER BY position`,
      columns,
    );
  },

  /** The oldest unpublished rows, locked for this relay's transaction. */
  async claim(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT event_id, topic, partition_key, headers, payload FROM outbox_message
        WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE`,
      [limit],
    );
  },

  async markPublished(manager: EntityManager, eventIds: string[]): Promise<void> {
    await manager.query(`UPDATE outbox_message SET published_at = now() WHERE event_id = ANY($1)`, [eventIds]);
  },
};
