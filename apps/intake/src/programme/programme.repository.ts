import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RackState } from '@rackeval/contracts';
import { ProgrammeFiguresRepository } from '@rackeval/platform';

export interface GenerationRow {
  code: string;
  name: string;
  target: string;
  racks: number;
  deliveries: number;
  mean: string | null;
  stddev: string | null;
  min: string | null;
  max: string | null;
  meeting: number;
  meeting_pct: string | null;
}
export interface StateRow {
  generation: string;
  state: RackState;
  count: number;
}
export interface ReleaseRow {
  generation: string;
  released: number;
  median: number | null;
  p90: number | null;
}
export interface OutcomeRow {
  racks: number;
  concluded: number;
  failed: number;
  failure_rate_pct: string | null;
}
export interface SupplierRow extends OutcomeRow {
  supplier: string;
  currency: string;
  /** null on the supplier's total row (all generations). */
  generation: string | null;
  cost: string;
  domestic_cost: string;
  domestic_share_pct: string | null;
}
export interface LotRow extends OutcomeRow {
  lot: string;
  generation: string;
  mean_pct: string | null;
  target: string;
}

/** The latest evaluation verdict intake recorded for each rack (a re-opened evaluation may conclude twice). */
const OUTCOME = `outcome AS (
  SELECT DISTINCT ON (rack_serial) rack_serial, to_state FROM rack_history
   WHERE to_state IN ('EVALUATION_PASSED', 'EVALUATION_FAILED') ORDER BY rack_serial, seq DESC)`;

/** Shares are exact numeric, rounded half away from zero to 2 decimals; null when nothing to divide by. */
const pct = (part: string, whole: string) => `round(100.0 * (${part}) / nullif(${whole}, 0), 2)::text`;

const OUTCOME_FIGURES = (racks: string) => `
  ${racks}::int AS racks,
  count(DISTINCT r.serial) FILTER (WHERE o.to_state IS NOT NULL)::int AS concluded,
  count(DISTINCT r.serial) FILTER (WHERE o.to_state = 'EVALUATION_FAILED')::int AS failed,
  ${pct(`count(DISTINCT r.serial) FILTER (WHERE o.to_state = 'EVALUATION_FAILED')`, `count(DISTINCT r.serial) FILTER (WHERE o.to_state IS NOT NULL)`)} AS failure_rate_pct`;

/** Programme figures computed on read from the rack, history and BOM tables (indexes: ProgrammeIndexes migration). */
@Injectable()
export class ProgrammeRepository extends ProgrammeFiguresRepository {
  generations(manager: EntityManager, generation: string | null): Promise<GenerationRow[]> {
    return manager.query(
      `SELECT g.code, g.name, g.domestic_content_target_pct::text AS target,
              count(r.serial)::int AS racks, count(DISTINCT r.delivery_reference)::int AS deliveries,
              round(avg(r.domestic_content_pct), 2)::text AS mean, round(stddev_samp(r.domestic_content_pct), 2)::text AS stddev,
              min(r.domestic_content_pct)::text AS min, max(r.domestic_content_pct)::text AS max,
              count(*) FILTER (WHERE r.domestic_content_pct >= g.domestic_content_target_pct)::int AS meeting,
              ${pct('count(*) FILTER (WHERE r.domestic_content_pct >= g.domestic_content_target_pct)', 'count(r.serial)')} AS meeting_pct
         FROM generation g LEFT JOIN rack r ON r.generation = g.code
        WHERE ($1::text IS NULL OR g.code = $1)
        GROUP BY g.code ORDER BY g.code`,
      [generation],
    );
  }

  racksByState(manager: EntityManager, generation: string | null): Promise<StateRow[]> {
    return this.countByState<RackState>(manager, 'rack', generation);
  }

  /** Days from a rack's arrival to its first release for evaluation; percentiles interpolate (percentile_cont). */
  deliveryToRelease(manager: EntityManager, generation: string | null): Promise<ReleaseRow[]> {
    return manager.query(
      `SELECT r.generation, count(*)::int AS released,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days)::numeric, 2)::float8 AS median,
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY d.days)::numeric, 2)::float8 AS p90
         FROM (SELECT rack_serial, min(occurred_at) AS released_at FROM rack_history
                WHERE to_state = 'RELEASED_FOR_EVALUATION' GROUP BY rack_serial) f
         JOIN rack r ON r.serial = f.rack_serial
         CROSS JOIN LATERAL (SELECT extract(epoch FROM f.released_at - r.received_at) / 86400 AS days) d
        WHERE ($1::text IS NULL OR r.generation = $1)
        GROUP BY r.generation`,
      [generation],
    );
  }

  /** One row per supplier, currency and generation, plus the supplier's total row (generation null). */
  suppliers(manager: EntityManager, generation: string | null): Promise<SupplierRow[]> {
    return manager.query(
      `WITH ${OUTCOME}
       SELECT b.supplier, b.currency, r.generation, ${OUTCOME_FIGURES('count(DISTINCT r.serial)')},
              round(sum(b.quantity * b.unit_cost), 2)::text AS cost,
              round(coalesce(sum(b.quantity * b.unit_cost) FILTER (WHERE b.country_of_origin = 'US'), 0), 2)::text AS domestic_cost,
              ${pct(`coalesce(sum(b.quantity * b.unit_cost) FILTER (WHERE b.country_of_origin = 'US'), 0)`, 'sum(b.quantity * b.unit_cost)')} AS domestic_share_pct
         FROM bom_line b JOIN rack r ON r.serial = b.rack_serial LEFT JOIN outcome o ON o.rack_serial = r.serial
        WHERE ($1::text IS NULL OR r.generation = $1)
        GROUP BY GROUPING SETS ((b.supplier, b.currency, r.generation), (b.supplier, b.currency))
        ORDER BY b.supplier, b.currency, r.generation NULLS FIRST`,
      [generation],
    );
  }

  lots(manager: EntityManager, generation: string | null): Promise<LotRow[]> {
    return manager.query(
      `WITH ${OUTCOME}
       SELECT r.lot, r.generation, ${OUTCOME_FIGURES('count(*)')},
              round(avg(r.domestic_content_pct), 2)::text AS mean_pct, g.domestic_content_target_pct::text AS target
         FROM rack r JOIN generation g ON g.code = r.generation LEFT JOIN outcome o ON o.rack_serial = r.serial
        WHERE ($1::text IS NULL OR r.generation = $1)
        GROUP BY r.lot, r.generation, g.domestic_content_target_pct
        ORDER BY r.generation, r.lot`,
      [generation],
    );
  }
}
