import { Injectable } from '@nestjs/common';
import { RmaState } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { EntityManager } from 'typeorm';
import { IntakeError, IntakeErrorCode, rmaNotFound } from '../intake.errors';
import { RmaRow, RmasRepository } from './rma.repository';
import { RmaStateMachine } from './rma.state-machine';

export interface RmaCause {
  actor: string;
  /** The history line's reason. */
  reason: string;
  occurredAt: Date;
}

/** What an action records beside the state: when the units left, or why the RMA was cancelled. */
export type RmaChange =
  { action: 'ship'; shippedAt: Date } | { action: 'cancel'; reason: string } | { action: 'receive'; receivedAt: Date };

/**
 * The one place an RMA changes state: checked by the state machine, guarded by the RMA's version
 * (a concurrent change loses with a 409) and recorded in its history, in the caller's transaction.
 * An RMA is created OPEN by RmasService, whose first history line is written here too.
 */
@Injectable()
export class RmaTransitions {
  /** The RMA under its row lock, or a 404. */
  async load(tx: Transaction, id: string): Promise<RmaRow> {
    const rma = await RmasRepository.find(tx.manager, id, true);
    if (!rma) throw rmaNotFound(id);
    return rma;
  }

  /** The first line of a new RMA's history (created OPEN). */
  opened(tx: Transaction, rmaId: string, cause: RmaCause): Promise<void> {
    return appendRmaHistory(tx.manager, { rmaId, from: null, to: 'OPEN', ...cause });
  }

  /** Moves `rma` (updated in place) and returns the state it left. */
  async move(tx: Transaction, rma: RmaRow, change: RmaChange, cause: RmaCause): Promise<RmaState> {
    const from = rma.state;
    const to = RmaStateMachine.transition(rma.rma_number, from, change.action);
    const shipped = change.action === 'ship' ? change.shippedAt : null;
    const cancelReason = change.action === 'cancel' ? change.reason : null;
    const received = change.action === 'receive' ? change.receivedAt : null;
    // For an UPDATE, TypeORM answers [rows, affected count]: the count is what says whether we won.
    const [, changed] = (await tx.manager.query(
      `UPDATE rma SET state = $1, version = version + 1, updated_at = $2,
              shipped_at = COALESCE($5, shipped_at), shipped_by = CASE WHEN $5::timestamptz IS NULL THEN shipped_by ELSE $6 END,
              cancelled_at = CASE WHEN $7::text IS NULL THEN cancelled_at ELSE $2 END,
              cancelled_by = CASE WHEN $7::text IS NULL THEN cancelled_by ELSE $6 END,
              cancel_reason = COALESCE($7, cancel_reason),
              received_at = COALESCE($8, received_at), received_by = CASE WHEN $8::timestamptz IS NULL THEN received_by ELSE $6 END
        WHERE id = $3 AND version = $4`,
      [to, cause.occurredAt, rma.id, rma.version, shipped, cause.actor, cancelReason, received],
    )) as [unknown[], number];
    if (changed !== 1) {
      throw new IntakeError(
        IntakeErrorCode.CONCURRENT_UPDATE,
        `RMA ${rma.rma_number} was changed by someone else meanwhile; reload and retry`,
        [{ field: 'version', message: `version ${rma.version} is no longer current` }],
      );
    }
    Object.assign(rma, { state: to, version: rma.version + 1, updated_at: cause.occurredAt });
    if (received) Object.assign(rma, { received_at: received, received_by: cause.actor });
    await appendRmaHistory(tx.manager, { rmaId: rma.id, from, to, ...cause });
    return from;
  }
}

interface NewRmaHistory extends RmaCause {
  rmaId: string;
  from: RmaState | null;
  to: RmaState;
}

/** Who moved an RMA, when, from where to where and why. Append-only. */
async function appendRmaHistory(manager: EntityManager, entry: NewRmaHistory): Promise<void> {
  await manager.query(
    `INSERT INTO rma_history (rma_id, from_state, to_state, actor, reason, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.rmaId, entry.from, entry.to, entry.actor, entry.reason, entry.occurredAt],
  );
}
