import type { EntityManager } from 'typeorm';
import { FindingFilter, whereOf } from './finding.repository';

export interface FindingGroupRow {
  groupKey: string;
  criterion: string | null;
  diagnosis: string | null;
  partNumber: string | null;
  failureClass: string | null;
  count: number;
  racks: number;
  unresolved: number;
  firstOpenedAt: string;
  lastOpenedAt: string;
  generations: Array<{ generation: string; lot: string | null; count: number }>;
}

/** Similar findings counted together (groupKeyOf in finding-group.rules.ts decides what "similar" is). */
export const FindingGroupRepository = {
  async groups(manager: EntityManager, filter: FindingFilter, limit: number): Promise<FindingGroupRow[]> {
    const where = whereOf(filter);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `WITH picked AS (SELECT * FROM finding WHERE ${where.sql}),
            per_lot AS (
              SELECT group_key, generation, lot, count(*)::int AS n FROM picked GROUP BY group_key, generation, lot)
       SELECT g.group_key, min(g.criterion) AS criterion, min(g.diagnosis) AS diagnosis, min(g.part_number) AS part_number,
              min(g.failure_class) AS failure_class, count(*)::int AS count, count(DISTINCT g.rack_serial)::int AS racks,
              count(*) FILTER (WHERE g.state NOT IN ('VERIFIED', 'WONT_FIX'))::int AS unresolved,
              min(g.opened_at) AS first_opened_at, max(g.opened_at) AS last_opened_at,
              (SELECT jsonb_agg(jsonb_build_object('generation', p.generation, 'lot', p.lot, 'count', p.n) ORDER BY p.generation, p.lot)
                 FROM per_lot p WHERE p.group_key = g.group_key) AS generations
         FROM picked g
        GROUP BY g.group_key
        ORDER BY count(*) DESC, g.group_key
        LIMIT $${where.params.length + 1}`,
      [...where.params, limit],
    );
    return rows.map((row) => ({
      groupKey: row.group_key as string,
      criterion: (row.criterion as string | null) ?? null,
      diagnosis: (row.diagnosis as string | null) ?? null,
      partNumber: (row.part_number as string | null) ?? null,
      failureClass: (row.failure_class as string | null) ?? null,
      count: row.count as number,
      racks: row.racks as number,
      unresolved: row.unresolved as number,
      firstOpenedAt: new Date(row.first_opened_at as string).toISOString(),
      lastOpenedAt: new Date(row.last_opened_at as string).toISOString(),
      generations: row.generations as FindingGroupRow['generations'],
    }));
  },
};
