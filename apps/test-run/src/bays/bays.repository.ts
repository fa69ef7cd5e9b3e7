import { entityOf, type Row } from '@rackeval/platform';
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

/** A bay row as its entity: `createdAt` stays the driver's Date. */
const bayOf = (row: Row): BayEntity => entityOf<BayEntity>(row);

export const BaysRepository = {
  /** Inserts the bay unless its code is taken and answers it as stored; null then. */
  async insertUnlessTaken(manager: EntityManager, bay: { code: string; site: string }, actor: string): Promise<BayEntity | null> {
    const inserted: Row[] = await manager.query(
      `INSERT INTO bay (code, site, created_at, created_by) VALUES ($1, $2, now(), $3) ON CONFLICT (code) DO NOTHING
       RETURNING code, site, created_at, created_by`,
      [bay.code, bay.site, actor],
    );
    return inserted.length ? bayOf(inserted[0]) : null;
  },

  async find(manager: EntityManager, code: string): Promise<BayEntity | null> {
    const rows: Row[] = await manager.query(`SELECT code, site, created_at, created_by FROM bay WHERE code = $1`, [code]);
    return rows.length ? bayOf(rows[0]) : null;
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
