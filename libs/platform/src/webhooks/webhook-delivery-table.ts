import type { EntityManager } from 'typeorm';

/**
 * Where a service keeps its leased webhook deliveries and their attempt log. The deliveries table has
 * `id`, `state`, `attempts`, `lease_owner`, `lease_until`, `next_attempt_at` and `delivered_at`; the log
 * has the delivery's column, `attempt`, `attempted_at`, `instance`, `url`, `status_code`, `error`,
 * `duration_ms` and `outcome`.
 */
export interface WebhookDeliveryTableShape {
  table: string;
  /** Further `column = expression` assignments made on every attempt (results also counts the round's attempts). */
  alsoSet?: string;
  log: { table: string; deliveryColumn: string };
}

/** One attempt as the log keeps it. */
export interface WebhookAttemptEntry {
  url: string;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  outcome: string;
}

/** The writes of a leased webhook delivery, whichever service sends it. */
export function webhookDeliveryTable({ table, alsoSet, log }: WebhookDeliveryTableShape) {
  const assignments = alsoSet ? `attempts = attempts + 1, ${alsoSet}` : 'attempts = attempts + 1';
  return {
    /**
     * Counts one attempt on a PENDING delivery this instance still leases: moves it to `state`, next
     * tried `retryInMs` from now (`delivered_at` set once DELIVERED), releases the lease and logs the
     * attempt. False, writing nothing, when the lease was lost (another instance took the delivery over).
     */
    async recordAttempt(
      manager: EntityManager,
      delivery: { id: string; attempts: number },
      instance: string,
      state: string,
      retryInMs: number,
      attempt: WebhookAttemptEntry,
    ): Promise<boolean> {
      // For an UPDATE, TypeORM answers [rows, affected count]: the count is whether the lease still held.
      const [, updated] = (await manager.query(
        `UPDATE ${table}
            SET ${assignments}, state = $3, lease_owner = NULL, lease_until = NULL,
                next_attempt_at = now() + make_interval(secs => $4::double precision / 1000),
                delivered_at = CASE WHEN $3 = 'DELIVERED' THEN now() END
          WHERE id = $1 AND lease_owner = $2 AND state = 'PENDING'`,
        [delivery.id, instance, state, retryInMs],
      )) as [unknown, number];
      if (!updated) return false;
      await manager.query(
        `INSERT INTO ${log.table} (${log.deliveryColumn}, attempt, attempted_at, instance, url, status_code, error, duration_ms, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          delivery.id,
          delivery.attempts + 1,
          attempt.at,
          instance,
          attempt.url,
          attempt.statusCode,
          attempt.error,
          attempt.durationMs,
          attempt.outcome,
        ],
      );
      return true;
    },
  };
}
