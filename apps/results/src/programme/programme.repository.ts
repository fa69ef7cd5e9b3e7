import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FindingState } from '@rackeval/contracts';
import { ProgrammeFiguresRepository } from '@rackeval/platform';

export interface EvaluationRow {
  generation: string;
  concluded: number;
  passed: number;
  first_pass: number;
}
export interface RunRow {
  generation: string;
  judged: number;
  failed: number;
}
export interface CriterionRow {
  generation: string;
  metric: string;
  unit: string;
  category: string;
  required: boolean;
  comparator: 'gte' | 'lte' | 'between';
  target_min: number | null;
  target_max: number | null;
  judged: number;
  failed: number;
  p10: number | null;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}
export interface ComponentRow {
  generation: string;
  component: string;
  metric: string;
  runs: number;
}
/** One lot or supplier of a generation; origin null: racks whose lot or suppliers results has not learnt. */
export interface OriginFailureRow {
  kind: 'lot' | 'supplier';
  generation: string;
  origin: string | null;
  concluded: number;
  failed: number;
  failed_runs: number;
}

/** Findings of one generation counted per lot or supplier, failure class and state. */
export interface FindingOriginRow {
  kind: 'lot' | 'supplier';
  generation: string;
  origin: string | null;
  failure_class: string | null;
  state: FindingState;
  findings: number;
}

/** Programme figures computed on read from verdicts, criterion results and evaluations (indexes: ProgrammeIndexes migration). */
@Injectable()
export class ProgrammeRepository extends ProgrammeFiguresRepository {
  /** Every generation results has criteria, runs or evaluations for. */
  generations(manager: EntityManager, generation: string | null): Promise<string[]> {
    return this.generationsIn(manager, generation, ['known_generation', 'code'], 'criteria_version', 'rack_evaluation');
  }

  /**
   * Concluded evaluations (a re-opened one counts again once it concludes). First pass: passed, and no run judged FAIL.
   * The racks with a failed run are hashed once and joined (a correlated NOT EXISTS per rack cost
   * enough at 75,000 racks for PostgreSQL to JIT-compile the query on every computation); the
   * evaluations come from the covering index rack_evaluation_concluded (ProgrammeRackOrigins).
   */
  evaluations(manager: EntityManager, generation: string | null): Promise<EvaluationRow[]> {
    return manager.query(
      `SELECT e.generation, count(*)::int AS concluded, count(*) FILTER (WHERE e.outcome = 'PASSED')::int AS passed,
              count(*) FILTER (WHERE e.outcome = 'PASSED' AND f.rack_serial IS NULL)::int AS first_pass
         FROM rack_evaluation e
         LEFT JOIN (SELECT DISTINCT rack_serial FROM verdict WHERE verdict = 'FAIL' AND ($1::text IS NULL OR generation = $1)) f ON f.rack_serial = e.rack_serial
        WHERE e.status = 'CONCLUDED' AND ($1::text IS NULL OR e.generation = $1)
        GROUP BY e.generation`,
      [generation],
    );
  }

  /**
   * Per generation, by lot and by supplier (a rack counts for every supplier of its BOM): racks
   * whose evaluation concluded, of which failed, and the runs judged FAIL on those racks and on
   * racks still in evaluation. One statement over the concluded evaluations, the failed verdicts
   * and results' read model of where each rack came from (rack_origin, from intake's events).
   */
  failuresByOrigin(manager: EntityManager, generation: string | null): Promise<OriginFailureRow[]> {
    return manager.query(
      `WITH evaluated AS (
         SELECT generation, rack_serial, outcome = 'FAILED' AS failed FROM rack_evaluation
          WHERE status = 'CONCLUDED' AND ($1::text IS NULL OR generation = $1)),
       failed_runs AS (
         SELECT generation, rack_serial, count(*)::int AS runs FROM verdict
          WHERE verdict = 'FAIL' AND ($1::text IS NULL OR generation = $1) GROUP BY generation, rack_serial),
       racks AS MATERIALIZED (
         SELECT coalesce(e.generation, f.generation) AS generation, o.lot, o.suppliers,
                e.rack_serial IS NOT NULL AS concluded, coalesce(e.failed, false) AS failed, coalesce(f.runs, 0) AS failed_runs
           FROM evaluated e FULL JOIN failed_runs f ON f.rack_serial = e.rack_serial
           LEFT JOIN rack_origin o ON o.rack_serial = coalesce(e.rack_serial, f.rack_serial))
       SELECT 'lot' AS kind, generation, lot AS origin, count(*) FILTER (WHERE concluded)::int AS concluded,
              count(*) FILTER (WHERE failed)::int AS failed, sum(failed_runs)::int AS failed_runs
         FROM racks GROUP BY generation, lot
       UNION ALL
       -- Racks mostly share a few sets of suppliers: counted per set first, few arrays are left to unnest.
       SELECT 'supplier', o.generation, s.supplier, sum(o.concluded)::int, sum(o.failed)::int, sum(o.failed_runs)::int
         FROM (SELECT generation, suppliers, count(*) FILTER (WHERE concluded) AS concluded, count(*) FILTER (WHERE failed) AS failed,
                      sum(failed_runs) AS failed_runs
                 FROM racks GROUP BY generation, suppliers) o
        CROSS JOIN LATERAL unnest(coalesce(o.suppliers, ARRAY[NULL]::text[])) AS s(supplier)
        GROUP BY o.generation, s.supplier`,
      [generation],
    );
  }

  /**
   * Per generation, findings counted by lot and by supplier, failure class and state: the lot is the
   * rack's as results knows it now (finding_rack, corrected by intake's events; else the one the
   * finding was opened with), the supplier that of the BOM line the finding was triaged on (null
   * before). One statement reading every finding once; it needs no index of its own (all findings
   * are counted, finding_rack is read by its key, one generation by finding_generation_idx).
   */
  findingsByOrigin(manager: EntityManager, generation: string | null): Promise<FindingOriginRow[]> {
    return manager.query(
      `WITH f AS MATERIALIZED (
         SELECT f.generation, coalesce(r.lot, f.lot) AS lot, f.component->>'supplier' AS supplier, f.failure_class, f.state
           FROM finding f LEFT JOIN finding_rack r ON r.rack_serial = f.rack_serial
          WHERE ($1::text IS NULL OR f.generation = $1))
       SELECT 'lot' AS kind, generation, lot AS origin, failure_class, state, count(*)::int AS findings
         FROM f GROUP BY generation, lot, failure_class, state
       UNION ALL
       SELECT 'supplier', generation, supplier, failure_class, state, count(*)::int
         FROM f GROUP BY generation, supplier, failure_class, state`,
      [generation],
    );
  }

  runs(manager: EntityManager, generation: string | null): Promise<RunRow[]> {
    return manager.query(
      `SELECT generation, count(*)::int AS judged, count(*) FILTER (WHERE verdict = 'FAIL')::int AS failed
         FROM verdict WHERE ($1::text IS NULL OR generation = $1) GROUP BY generation`,
      [generation],
    );
  }

  /**
   * The current criteria of each generation with the distribution of the figures runs were judged
   * on (nearest neighbours interpolated: percentile_cont), read from the comparison covering index.
   */
  criteria(manager: EntityManager, generation: string | null): Promise<CriterionRow[]> {
    return manager.query(
      `WITH latest AS (
         SELECT generation, max(version) AS version FROM criteria_version WHERE ($1::text IS NULL OR generation = $1) GROUP BY generation)
       SELECT c.generation, c.metric, c.unit, c.category, c.required, c.comparator, c.min AS target_min, c.max AS target_max,
              s.judged, s.failed, s.p10, s.median, s.p90, s.min, s.max
         FROM criterion c JOIN latest l ON l.generation = c.generation AND l.version = c.version
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS judged, count(*) FILTER (WHERE vc.result = 'FAIL')::int AS failed,
                  percentile_cont(0.1) WITHIN GROUP (ORDER BY vc.measured) AS p10,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY vc.measured) AS median,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY vc.measured) AS p90,
                  min(vc.measured) AS min, max(vc.measured) AS max
             FROM verdict_criterion vc WHERE vc.metric = c.metric AND vc.generation = c.generation AND vc.unit = c.unit) s
        ORDER BY c.generation, c.position`,
      [generation],
    );
  }

  /** Components whose own current measurements missed the criterion's band, in runs where that criterion failed. */
  components(manager: EntityManager, generation: string | null): Promise<ComponentRow[]> {
    return manager.query(
      `SELECT generation, component, metric, runs FROM (
         SELECT vc.generation, m.component, vc.metric, count(DISTINCT vc.run_id)::int AS runs,
                row_number() OVER (PARTITION BY vc.generation ORDER BY count(DISTINCT vc.run_id) DESC, m.component, vc.metric) AS rank
           FROM verdict_criterion vc
           JOIN measurement m ON m.run_id = vc.run_id AND m.metric = vc.metric AND m.superseded_by IS NULL
          WHERE vc.result = 'FAIL' AND m.component IS NOT NULL AND m.unit = vc.unit
            AND ((vc.min IS NOT NULL AND m.value < vc.min) OR (vc.max IS NOT NULL AND m.value > vc.max))
            AND ($1::text IS NULL OR vc.generation = $1)
          GROUP BY vc.generation, m.component, vc.metric) ranked
        WHERE rank <= 20 ORDER BY generation, runs DESC, component, metric`,
      [generation],
    );
  }
}
