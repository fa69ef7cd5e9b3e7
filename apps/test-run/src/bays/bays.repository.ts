import { EntityManager } from 'typeorm';
import { BayEntity } from './bay.entity';

/** A bay with the run occupying it, if any. */
export interface BayRow {
  code: string;
  site: string;
  created_at: Date;
  created_by: string;
  run_id: string | null;
  rack_serial: string | null;
  suite: string | null;
  state: string | null;
}

const BAYS_WITH_OCCUPANT = `
  SELECT b.code, b.site, b.created_at, b.created_by, r.id AS run_id, r.rack_serial, r.suite, r.state
  FROM bay b LEFT JOIN run r ON r.bay = b.code AND r.state IN ('SCHEDULED', 'RUNNING')`;

export const BaysRepository = {
  /** Inserts the bay unless its code is taken; false then. */
  async insertUnlessTaken(manager: EntityManager, bay: { code: string; site: string }, actor: string): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO bay (code, site, created_at, created_by) VALUES ($1, $2, now(), $3) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [bay.code, bay.site, actor],
    );
    return inserted.length > 0;
  },

  find(manager: EntityManager, code: string): Promise<BayEntity | null> {
    return manager.findOneBy(BayEntity, { code });
  },

  get(manager: EntityManager, code: string): Promise<BayEntity> {
    return manager.findOneByOrFail(BayEntity, { code });
  },

  /** Bays by code after `after`, of one site when given, each with its occupant. */
  page(manager: EntityManager, after: string | undefined, site: string | undefined, take: number): Promise<BayRow[]> {
    return manager.query(
      `${BAYS_WITH_OCCUPANT}
       WHERE ($1::text IS NULL OR b.code > $1) AND ($2::text IS NULL OR b.site = $2)
       ORDER BY b.code LIMIT $3`,
      [after ?? null, site ?? null, take],
    );
  },
};
