import type { EntityManager } from 'typeorm';

/** Where a rack came from, as intake's events tell it. */
export interface RackOrigin {
  rackSerial: string;
  generation: string;
  lot: string;
  suppliers: string[] | null;
  at: string;
}

/** Results' read model of where each rack came from: its lot and the suppliers of its BOM (from intake's events). */
export const RackOriginRepository = {
  /**
   * Received: the lot, and the suppliers when the event names them (older events do not: null, unknown).
   * Intake's events of one rack arrive in order (one partition per rack), so the latest one applied wins.
   */
  async received(manager: EntityManager, origin: RackOrigin): Promise<void> {
    await manager.query(
      `INSERT INTO rack_origin (rack_serial, generation, lot, suppliers, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (rack_serial) DO UPDATE SET generation = EXCLUDED.generation, lot = EXCLUDED.lot,
         suppliers = coalesce(EXCLUDED.suppliers, rack_origin.suppliers), updated_at = EXCLUDED.updated_at`,
      [origin.rackSerial, origin.generation, origin.lot, origin.suppliers, origin.at],
    );
  },

  /**
   * Corrected: the lot after the correction; the suppliers when the event names them, kept when the
   * BOM was not corrected, unknown (null) when it was and the event does not say.
   */
  async corrected(manager: EntityManager, origin: RackOrigin & { bomChanged: boolean }): Promise<void> {
    await manager.query(
      `INSERT INTO rack_origin (rack_serial, generation, lot, suppliers, updated_at) VALUES ($1, $2, $3, $4, $6)
       ON CONFLICT (rack_serial) DO UPDATE SET generation = EXCLUDED.generation, lot = EXCLUDED.lot,
         suppliers = CASE WHEN EXCLUDED.suppliers IS NOT NULL THEN EXCLUDED.suppliers WHEN $5 THEN NULL ELSE rack_origin.suppliers END,
         updated_at = EXCLUDED.updated_at`,
      [origin.rackSerial, origin.generation, origin.lot, origin.suppliers, origin.bomChanged, origin.at],
    );
  },
};
