import { RackFactV1, RackReturnedFromRmaV1, RackState } from '@rackeval/contracts';
import { entityOf, type Row } from '@rackeval/platform';
import { EntityManager } from 'typeorm';
import { KnownRackEntity } from './known-rack.entity';

/**
 * test-run's copies of intake's generations and racks. Each rack write is guarded by the event's
 * time: an event older than the last one applied never moves the rack backwards.
 */
export const RackRegistryRepository = {
  async recordGeneration(manager: EntityManager, generation: { code: string; name: string; registeredAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO known_generation (code, name, registered_at) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [generation.code, generation.name, generation.registeredAt],
    );
  },

  /** Locks the generation row so concurrent plan versions are numbered one after the other; false when unknown. */
  async lockGeneration(manager: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT code FROM known_generation WHERE code = $1 FOR UPDATE`, [code]);
    return rows.length === 1;
  },

  async findRack(manager: EntityManager, serial: string): Promise<KnownRackEntity | null> {
    const rows: Row[] = await manager.query(
      `SELECT serial, generation, state, site, updated_at, hold_reason, incarnation FROM known_rack WHERE serial = $1`,
      [serial],
    );
    if (!rows.length) return null;
    return entityOf<KnownRackEntity>(rows[0]);
  },

  /** The rack is ON_HOLD with its reason; false when a later event was applied already. */
  async hold(
    manager: EntityManager,
    fact: { rackSerial: string; generation: string; occurredAt: string; reason: string },
    eventTime: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO known_rack (serial, generation, state, site, updated_at, last_event_at, hold_reason) VALUES ($1, $2, 'ON_HOLD', NULL, $3, $4, $5)
       ON CONFLICT (serial) DO UPDATE
         SET state = 'ON_HOLD', hold_reason = EXCLUDED.hold_reason, updated_at = EXCLUDED.updated_at, last_event_at = EXCLUDED.last_event_at
       WHERE known_rack.last_event_at IS NULL OR known_rack.last_event_at <= EXCLUDED.last_event_at
       RETURNING serial`,
      [fact.rackSerial, fact.generation, fact.occurredAt, eventTime, fact.reason],
    );
    return rows.length === 1;
  },

  /**
   * The rack came back from an RMA as incarnation `returned.incarnation`: recorded when it is later
   * than the one known, so a stale or replayed return changes nothing (false then). Its state is
   * left to intake's RackStateChanged; a rack not known yet is recorded RECEIVED, as the return says it is.
   */
  async advanceIncarnation(manager: EntityManager, returned: RackReturnedFromRmaV1, eventTime: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO known_rack (serial, generation, state, site, updated_at, last_event_at, incarnation) VALUES ($1, $2, 'RECEIVED', $3, $4, $5, $6)
       ON CONFLICT (serial) DO UPDATE SET incarnation = EXCLUDED.incarnation
       WHERE known_rack.incarnation < EXCLUDED.incarnation
       RETURNING serial`,
      [returned.rackSerial, returned.generation, returned.site, returned.occurredAt, eventTime, returned.incarnation],
    );
    return rows.length === 1;
  },

  /** Records the rack in `state` (the site kept when the fact names none), unless a later event was applied already. */
  async moveTo(manager: EntityManager, fact: RackFactV1, state: RackState, eventTime: string, site?: string): Promise<void> {
    await manager.query(
      `INSERT INTO known_rack (serial, generation, state, site, updated_at, last_event_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (serial) DO UPDATE
         SET generation = EXCLUDED.generation, state = EXCLUDED.state,
             site = COALESCE(EXCLUDED.site, known_rack.site), updated_at = EXCLUDED.updated_at, last_event_at = EXCLUDED.last_event_at,
             hold_reason = CASE WHEN EXCLUDED.state = 'ON_HOLD' THEN known_rack.hold_reason END
       WHERE known_rack.last_event_at IS NULL OR known_rack.last_event_at <= EXCLUDED.last_event_at`,
      [fact.rackSerial, fact.generation, state, site ?? null, fact.occurredAt, eventTime],
    );
  },
};
