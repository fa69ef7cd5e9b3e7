import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { webhookDeliveryTable } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import { unknownDelivery } from '../results.errors';
import { type FeedDeliveryAction, type FeedDeliveryState, FeedDeliveryStateMachine } from './feed-delivery.state-machine';
import type { AttemptOutcome, QueuedDelivery } from './manufacturer-feed.rules';

/** A delivery is a leased webhook delivery, counted per round of attempts too; manufacturer_feed_attempt logs its attempts. */
const FEED_DELIVERIES = webhookDeliveryTable({
  table: 'manufacturer_feed_delivery',
  alsoSet: 'round_attempts = round_attempts + 1',
  log: { table: 'manufacturer_feed_attempt', deliveryColumn: 'delivery_id' },
});

export interface AttemptRecord {
  url: string;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * The one place a delivery's state is written: each attempt's outcome (while this instance still
 * holds the lease) and an admin's re-send of a given-up delivery, each with its history line.
 */
@Injectable()
export class FeedDeliveryTransitions {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Logs one attempt and moves the delivery on; false when the lease was lost (another instance took it over). */
  recordAttempt(
    delivery: QueuedDelivery,
    instance: string,
    attempt: AttemptRecord,
    outcome: AttemptOutcome,
    retryInMs: number,
  ): Promise<boolean> {
    return this.unitOfWork.run(async (tx) => {
      const action: FeedDeliveryAction | null = outcome === 'DELIVERED' ? 'deliver' : outcome === 'GAVE_UP' ? 'give-up' : null;
      const to = action ? FeedDeliveryStateMachine.transition(delivery.id, 'PENDING', action) : 'PENDING';
      const entry = { ...attempt, durationMs: Math.round(attempt.durationMs), outcome };
      if (!(await FEED_DELIVERIES.recordAttempt(tx.manager, delivery, instance, to, retryInMs, entry))) return false;
      if (action) await appendHistory(tx.manager, delivery.id, action, 'PENDING', to, `results ${instance}`, attempt.at);
      return true;
    });
  }

  /** A given-up delivery goes out again, with a fresh round of attempts, before any later one of its finding. */
  resend(id: string, actor: string): Promise<void> {
    return this.unitOfWork.run(async (tx) => {
      const [row] = (await tx.manager.query(`SELECT state FROM manufacturer_feed_delivery WHERE id = $1 FOR UPDATE`, [id])) as Array<{
        state: FeedDeliveryState;
      }>;
      if (!row) throw unknownDelivery(id);
      const to = FeedDeliveryStateMachine.transition(id, row.state, 'resend');
      await tx.manager.query(
        `UPDATE manufacturer_feed_delivery
            SET state = $2, round_attempts = 0, next_attempt_at = now(), lease_owner = NULL, lease_until = NULL
          WHERE id = $1`,
        [id, to],
      );
      await appendHistory(tx.manager, id, 'resend', row.state, to, actor, new Date());
    });
  }
}

async function appendHistory(
  manager: EntityManager,
  deliveryId: string,
  action: FeedDeliveryAction,
  from: FeedDeliveryState,
  to: FeedDeliveryState,
  actor: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO manufacturer_feed_delivery_history (delivery_id, action, from_state, to_state, actor, at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [deliveryId, action, from, to, actor, at],
  );
}
