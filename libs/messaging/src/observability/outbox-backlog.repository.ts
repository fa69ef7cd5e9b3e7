import { EntityManager } from 'typeorm';

export interface OutboxBacklog {
  unpublished: number;
  /** Seconds since the oldest unpublished event was written; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Read-only view of the outbox for monitoring. */
export const OutboxBacklogRepository = {
  /**
   * Both sub-queries walk only the partial index `outbox_message_unpublished` (seq, where not yet
   * published): the oldest row is the lowest seq, so a healthy outbox costs a few index pages.
   */
  async read(manager: EntityManager): Promise<OutboxBacklog> {
    const [row]: Array<{ unpublished: number; oldest_age_seconds: number | null }> = await manager.query(
      `SELECT (SELECT count(*) FROM outbox_message WHERE published_at IS NULL)::int AS unpublished,
              (SELECT extract(epoch FROM now() - created_at) FROM outbox_message
                WHERE published_at IS NULL ORDER BY seq LIMIT 1)::float8 AS oldest_age_seconds`,
    );
    return { unpublished: row.unpublished, oldestAgeSeconds: Math.max(0, row.oldest_age_seconds ?? 0) };
  },
};
