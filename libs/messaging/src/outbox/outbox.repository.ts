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
  /** One multi-row insert for all the events a transaction produced. */
  async append(manager: EntityManager, pending: PendingEvent[]): Promise<void> {
    if (!pending.length) return;
    const columns = 6;
    const values: unknown[] = [];
    const rows = pending.map(({ event, topic }, index) => {
      const record = toKafkaRecord(event);
      values.push(event.id, event.type, topic, record.key, JSON.stringify(record.headers), record.value);
      const base = index * columns;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb, $${base + 6})`;
    });
    await manager.query(
      `INSERT INTO outbox_message (event_id, event_type, topic, partition_key, headers, payload) VALUES ${rows.join(', ')}`,
      values,
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
