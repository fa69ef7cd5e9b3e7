import { EntityManager, IsNull, LessThan } from 'typeorm';
import { DeferredRackEventEntity } from '../rack.entity';
import { LifecycleFact } from './lifecycle.rules';

/** A fact parked until the rack's evaluation verdict arrives, as stored. */
export interface DeferredFactRow {
  event_id: string;
  fact: LifecycleFact;
  actor: string;
  reason: string;
  occurred_at: Date;
}

/** Facts about a rack that overtook its evaluation verdict, kept until they can be applied (see LifecycleEventsService). */
export const DeferredFactsRepository = {
  /** Parks a fact; the same event parked twice stays one row. */
  async defer(
    manager: EntityManager,
    fact: { eventId: string; serial: string; fact: LifecycleFact; actor: string; reason: string; occurredAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO deferred_rack_event (event_id, rack_serial, fact, actor, reason, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (event_id) DO NOTHING`,
      [fact.eventId, fact.serial, fact.fact, fact.actor, fact.reason, fact.occurredAt],
    );
  },

  /** The rack's unresolved facts in the order they arrived, locked (FOR UPDATE). */
  unresolvedOf(manager: EntityManager, serial: string): Promise<DeferredFactRow[]> {
    return manager.query(
      `SELECT event_id, fact, actor, reason, occurred_at FROM deferred_rack_event
        WHERE rack_serial = $1 AND resolved_at IS NULL ORDER BY deferred_at, event_id FOR UPDATE`,
      [serial],
    );
  },

  async resolve(manager: EntityManager, eventId: string, resolution: string): Promise<void> {
    await manager.query(`UPDATE deferred_rack_event SET resolved_at = now(), resolution = $2 WHERE event_id = $1`, [eventId, resolution]);
  },

  /** Resolves every fact still parked for the rack, e.g. when its incarnation ended (it came back from an RMA). */
  async resolveAllOf(manager: EntityManager, serial: string, resolution: string): Promise<void> {
    await manager.query(
      `UPDATE deferred_rack_event SET resolved_at = now(), resolution = $2 WHERE rack_serial = $1 AND resolved_at IS NULL`,
      [serial, resolution],
    );
  },

  /** Racks of unresolved facts deferred before `olderThan` (up to 500 facts; a rack may repeat). */
  waitingSince(manager: EntityManager, olderThan: Date): Promise<Array<Pick<DeferredRackEventEntity, 'rackSerial'>>> {
    return manager.find(DeferredRackEventEntity, {
      where: { resolvedAt: IsNull(), deferredAt: LessThan(olderThan) },
      select: { rackSerial: true },
      take: 500,
    });
  },
};
