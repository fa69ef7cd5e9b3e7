import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ValueRow {
  generation: string;
  unit: string | null;
  currency: string;
  evaluated: number;
  meets: number;
  misses: number;
  incomplete: number;
  tco_count: number;
  tco_p10: string | null;
  tco_median: string | null;
  tco_p90: string | null;
  tco_target: string | null;
  ppu_median: string | null;
  ppu_target: string | null;
}

/**
 * The value figures of every option with a concluded evaluation, as option-value.rules.ts makes them for
 * one option (TCO = price + kW × years × 8760 h × PUE × energy price; money to cents, ratios to 6
 * places; the cost verdict MISSES when a set target is missed, none while one cannot be judged),
 * here in SQL so a generation of tens of thousands of options is summarised in one pass.
 * SQL rounds ties away from zero where the option page rounds them to even: the two can differ
 * only on a sixth-decimal tie. `figures` is MATERIALIZED so each option's price, energy and ratios
 * are computed once: inlined, every reference in `judged` and in the aggregates computed them again
 * (jsonb parsing and numeric division included), which made the query take about 1.7× as long.
 */
const VALUES = `
  targets AS (
    SELECT DISTINCT ON (c.generation) c.*
      FROM cost_targets c JOIN cost_targets_review r ON r.generation = c.generation AND r.version = c.version AND r.approved
     WHERE ($1::text IS NULL OR c.generation = $1)
     ORDER BY c.generation, c.version DESC),
  facts AS (
    SELECT o.generation, c.currency, c.performance_unit, c.max_unit_price, c.max_price_per_performance_unit, c.max_tco_per_performance_unit,
           o.domestic_content_pct, o.domestic_content_target_pct,
           CASE WHEN trim(t.currency) = trim(c.currency) THEN round(t.unit_price, 2) END AS price,
           e.performance->>'unit' AS perf_unit,
           CASE WHEN (e.performance->>'measured')::numeric > 0 THEN (e.performance->>'measured')::numeric END AS perf,
           round((e.performance_run_power->>'measured')::numeric * c.horizon_years * 8760 * c.pue * c.energy_price_per_kwh, 2) AS energy
      FROM purchase_option o
      JOIN targets c ON c.generation = o.generation
      JOIN rack_evaluation e ON e.rack_serial = o.rack_serial
      LEFT JOIN option_terms t ON t.generation = o.generation AND t.version = o.terms_version),
  figures AS MATERIALIZED (
    SELECT f.*, (f.performance_unit IS NOT NULL AND f.perf_unit IS DISTINCT FROM f.performance_unit) AS unit_mismatch,
           round(f.price / f.perf, 6) AS ppu, round(round(f.price + f.energy, 2) / f.perf, 6) AS tco_pu
      FROM facts f),
  judged AS (
    SELECT g.*,
           (g.max_unit_price IS NOT NULL AND g.price > g.max_unit_price)
             OR (g.max_price_per_performance_unit IS NOT NULL AND NOT g.unit_mismatch AND g.ppu > g.max_price_per_performance_unit)
             OR (g.max_tco_per_performance_unit IS NOT NULL AND NOT g.unit_mismatch AND g.tco_pu > g.max_tco_per_performance_unit)
             OR g.domestic_content_pct < g.domestic_content_target_pct AS missed,
           (g.max_unit_price IS NOT NULL AND g.price IS NULL)
             OR (g.max_price_per_performance_unit IS NOT NULL AND (g.ppu IS NULL OR g.unit_mismatch))
             OR (g.max_tco_per_performance_unit IS NOT NULL AND (g.tco_pu IS NULL OR g.unit_mismatch)) AS unjudged
      FROM figures g)`;

@Injectable()
export class ProgrammeValueRepository {
  /** Per generation with active cost targets: cost verdicts and the spread of TCO per performance unit (exact, nearest rank). */
  value(manager: EntityManager, generation: string | null): Promise<ValueRow[]> {
    return manager.query(
      `WITH ${VALUES}
       SELECT generation, max(performance_unit) AS unit, max(currency) AS currency, count(*)::int AS evaluated,
              count(*) FILTER (WHERE NOT coalesce(missed, false) AND NOT coalesce(unjudged, false))::int AS meets,
              count(*) FILTER (WHERE coalesce(missed, false))::int AS misses,
              count(*) FILTER (WHERE NOT coalesce(missed, false) AND coalesce(unjudged, false))::int AS incomplete,
              count(tco_pu)::int AS tco_count,
              (percentile_disc(0.1) WITHIN GROUP (ORDER BY tco_pu))::text AS tco_p10,
              (percentile_disc(0.5) WITHIN GROUP (ORDER BY tco_pu))::text AS tco_median,
              (percentile_disc(0.9) WITHIN GROUP (ORDER BY tco_pu))::text AS tco_p90,
              max(max_tco_per_performance_unit)::text AS tco_target,
              (percentile_disc(0.5) WITHIN GROUP (ORDER BY ppu))::text AS ppu_median,
              max(max_price_per_performance_unit)::text AS ppu_target
         FROM judged GROUP BY generation`,
      [generation],
    );
  }
}
