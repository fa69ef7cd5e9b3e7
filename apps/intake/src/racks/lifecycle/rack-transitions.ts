import { Injectable } from '@nestjs/common';
import { RackState, RackStateChanged } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { EntityManager } from 'typeorm';
import { column } from '../../deliveries/delivery.repository';
import { IntakeError, IntakeErrorCode, rackNotFound } from '../../intake.errors';
import { RackEntity } from '../rack.entity';
import { RacksRepository } from '../racks.repository';
import { RackAction, RackStateMachine } from '../rack.state-machine';

export interface TransitionCause {
  /** The person, or the rule (`rule:…`), the transition is attributed to. */
  actor: string;
  reason: string;
  occurredAt: Date;
  /** Id of another service's event that caused it; absent for a person's request. */
  causeEventId?: string;
}

/**
 * The one place a rack changes state: checked by the state machine, guarded by the rack's version
 * (a concurrent change loses with a 409), recorded in the history and published as RackStateChanged,
 * all in the caller's transaction.
 */
@Injectable()
export class RackTransitions {
  async load(tx: Transaction, serial: string): Promise<RackEntity> {
    const rack = await RacksRepository.find(tx.manager, serial);
    if (!rack) throw rackNotFound(serial);
    return rack;
  }

  /** Moves `rack` (updated in place) and returns the state it left. */
  async move(tx: Transaction, rack: RackEntity, action: RackAction, cause: TransitionCause): Promise<RackState> {
    const from = rack.state;
    const to = RackStateMachine.transition(rack.serial, from, action, rack.heldFrom);
    const hold = holdColumns(from, to, cause);
    // Back from an RMA under its serial, the unit starts its next incarnation: the withdrawal ended
    // the previous one's option and does not carry over.
    const reborn = action === 'return-from-rma';
    const moved = { ...hold, state: to, version: rack.version + 1, updatedAt: cause.occurredAt };
    const update = `UPDATE rack SET state = $1, version = version + 1, updated_at = $2, held_from = $5, hold_reason = $6, held_by = $7, held_at = $8,
              withdrawn_at = CASE WHEN $9::boolean THEN $2 WHEN $10::boolean THEN NULL ELSE withdrawn_at END,
              incarnation = incarnation + CASE WHEN $10::boolean THEN 1 ELSE 0 END
        WHERE serial = $3 AND version = $4`;
    const params = [
      to,
      cause.occurredAt,
      rack.serial,
      rack.version,
      hold.heldFrom,
      hold.holdReason,
      hold.heldBy,
      hold.heldAt,
      action === 'withdraw',
      reborn,
    ];
    if (from === to) {
      // For an UPDATE, TypeORM answers [rows, affected count]: the count is what says whether we won.
      const [, changed] = (await tx.manager.query(update, params)) as [unknown[], number];
      if (changed !== 1) throw concurrentUpdate(rack);
      applyMove(rack, moved, action, cause);
      return from;
    }
    // The event is recorded before the statement so its id goes into the history line; a lost race
    // throws, and the transaction (with the event) is rolled back.
    const event = tx.publish(RackStateChanged, {
      rackSerial: rack.serial,
      generation: rack.generation,
      occurredAt: cause.occurredAt.toISOString(),
      actor: cause.actor,
      from,
      to,
      reason: cause.reason,
    });
    // One statement: the history line is written only when the update took (the rack's version was still the one read).
    const written: unknown[] = await tx.manager.query(
      `WITH moved AS (${update} RETURNING serial)
       INSERT INTO rack_history (rack_serial, from_state, to_state, actor, reason, occurred_at, cause_event_id, event_id)
       SELECT serial, $11::text, $1::text, $12::text, $13::text, $2::timestamptz, $14::text, $15::text FROM moved
       RETURNING seq`,
      [...params, from, cause.actor, cause.reason, cause.causeEventId ?? null, event.id],
    );
    if (written.length !== 1) throw concurrentUpdate(rack);
    applyMove(rack, moved, action, cause);
    return from;
  }

  /**
   * A fact from another service about a held rack: it stays ON_HOLD, and the state a release
   * returns it to moves instead (a verdict reached during the hold is kept, not lost). Recorded in
   * the history as ON_HOLD → ON_HOLD naming both states; no RackStateChanged (others still see ON_HOLD).
   */
  async moveWhileHeld(tx: Transaction, rack: RackEntity, action: RackAction, cause: TransitionCause): Promise<void> {
    const before = rack.heldFrom!;
    const after = RackStateMachine.transition(rack.serial, before, action);
    const [, changed] = (await tx.manager.query(
      `UPDATE rack SET held_from = $1, version = version + 1, updated_at = $2 WHERE serial = $3 AND version = $4 AND state = 'ON_HOLD'`,
      [after, cause.occurredAt, rack.serial, rack.version],
    )) as [unknown[], number];
    if (changed !== 1) throw concurrentUpdate(rack);
    Object.assign(rack, { heldFrom: after, version: rack.version + 1, updatedAt: cause.occurredAt });
    await appendRackHistory(tx.manager, [
      {
        rackSerial: rack.serial,
        fromState: 'ON_HOLD',
        toState: 'ON_HOLD',
        actor: cause.actor,
        reason: `while on hold, ${before} → ${after} (a release returns it to ${after}): ${cause.reason}`,
        occurredAt: cause.occurredAt,
        causeEventId: cause.causeEventId ?? null,
        eventId: null,
      },
    ]);
  }
}

type HoldColumns = Pick<RackEntity, 'heldFrom' | 'holdReason' | 'heldBy' | 'heldAt'>;

/** Updates `rack` in place as the move left its row. */
function applyMove(
  rack: RackEntity,
  moved: HoldColumns & Pick<RackEntity, 'state' | 'version' | 'updatedAt'>,
  action: RackAction,
  cause: TransitionCause,
): void {
  Object.assign(rack, moved);
  if (action === 'withdraw') rack.withdrawnAt = cause.occurredAt;
  if (action === 'return-from-rma') Object.assign(rack, { withdrawnAt: null, incarnation: rack.incarnation + 1 });
}

/** Entering ON_HOLD records where from, who and why; leaving it clears them; otherwise they stay as they are (null). */
function holdColumns(from: RackState, to: RackState, cause: TransitionCause): HoldColumns {
  if (to === 'ON_HOLD') return { heldFrom: from, holdReason: cause.reason, heldBy: cause.actor, heldAt: cause.occurredAt };
  return { heldFrom: null, holdReason: null, heldBy: null, heldAt: null };
}

const concurrentUpdate = (rack: RackEntity) =>
  new IntakeError(IntakeErrorCode.CONCURRENT_UPDATE, `rack ${rack.serial} was changed by someone else meanwhile; reload and retry`, [
    { field: 'version', message: `version ${rack.version} is no longer current` },
  ]);

export interface NewHistory {
  rackSerial: string;
  fromState: RackState | null;
  toState: RackState;
  actor: string;
  reason: string;
  occurredAt: Date;
  causeEventId: string | null;
  eventId: string | null;
}

/**
 * Who moved a rack, when, from where to where, why, and which event caused it. Append-only; written
 * here for every transition, and by receiving for a new rack's first line.
 */
export async function appendRackHistory(manager: EntityManager, entries: NewHistory[]): Promise<void> {
  if (!entries.length) return;
  await manager.query(
    `INSERT INTO rack_history (rack_serial, from_state, to_state, actor, reason, occurred_at, cause_event_id, event_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])`,
    [
      column(entries, 'rackSerial'),
      column(entries, 'fromState'),
      column(entries, 'toState'),
      column(entries, 'actor'),
      column(entries, 'reason'),
      entries.map((entry) => entry.occurredAt.toISOString()),
      column(entries, 'causeEventId'),
      column(entries, 'eventId'),
    ],
  );
}
