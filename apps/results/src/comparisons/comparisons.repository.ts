import { EntityManager } from 'typeorm';

/** One metric's judged figures in one generation and unit. */
export interface GenerationComparisonRow {
  metric: string;
  generation: string;
  unit: string;
  count: number;
  min: number | null;
  p50: number | null;
  p90: number | null;
  max: number | null;
  judged: number;
  passed: number;
  pass_rate_pct: string | null;
}

/** Aggregates behind comparisons, over verdicts and measurements. */
export const ComparisonsRepository = {
  /**
   * Per metric, generation and unit, the distribution of the judged figure and how many runs met its
   * criterion: every metric at once, ordered by metric, generation and unit, for the one snapshot
   * each comparison is cut from. Read from the covering index verdict_criterion_comparison_idx.
   */
  generations(manager: EntityManager): Promise<GenerationComparisonRow[]> {
    return manager.query(
      `SELECT metric, generation, unit, count(measured)::int AS count, min(measured) AS min,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY measured) AS p50,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY measured) AS p90, max(measured) AS max,
              count(*)::int AS judged, count(*) FILTER (WHERE result = 'PASS')::int AS passed,
              round(100.0 * count(*) FILTER (WHERE result = 'PASS') / count(*), 2)::text AS pass_rate_pct
       FROM verdict_criterion
       GROUP BY metric, generation, unit ORDER BY metric, generation, unit`,
    );
  },

  /** Each metric of a run (current measurements only): samples, min, mean, max, and its judged figure and result. */
  metricsOf(manager: EntityManager, runId: string): Promise<Array<Record<string, unknown>>> {
    return manager.query(
      `SELECT m.metric, m.unit, count(*)::int AS samples, min(m.value) AS min, avg(m.value) AS mean, max(m.value) AS max,
              vc.measured AS judged, vc.result
       FROM measurement m LEFT JOIN verdict_criterion vc ON vc.run_id = m.run_id AND vc.metric = m.metric
       WHERE m.run_id = $1 AND m.superseded_by IS NULL
       GROUP BY m.metric, m.unit, vc.measured, vc.result ORDER BY m.metric`,
      [runId],
    );
  },
};
