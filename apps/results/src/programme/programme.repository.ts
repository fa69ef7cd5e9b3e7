import { Injectable } from '@nestjs/common';
import { SnapshotRepository } from '@rackeval/platform';
import { DataSource } from 'typeorm';

export interface EvaluationRow { generation: string; concluded: number; passed: number; first_pass: number }
export interface RunRow { generation: string; judged: number; failed: number }
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
export interface ComponentRow { generation: string; component: string; metric: string; runs: number }

/** Programme figures computed on read from verdicts, criterion results and evaluations (indexes: ProgrammeIndexes migration). */
@Injectable()
export class ProgrammeRepository {
  /** The figures kept as a read model: answered from `programme_snapshot`, recomputed when stale. */
  readonly snapshots: SnapshotRepository;

  constructor(private readonly dataSource: DataSource) {
    this.snapshots = new SnapshotRepository(dataSource);
  }

  /** Every generation results has criteria, runs or evaluations for. */
  async generations(generation: string | null): Promise<string[]> {
    const rows: Array<{ generation: string }> = await this.dataSource.query(
      `SELECT code AS generation FROM known_generation WHERE ($1::text IS NULL OR code = $1)
       UNION SELECT generation FROM criteria_version WHERE ($1::text IS NULL OR generation = $1)
       UNION SELECT generation FROM rack_evaluation WHERE ($1::text IS NULL OR generation = $1)
       ORDER BY 1`,
      [generation],
    );
    return rows.map((row) => row.generation);
  }

  /** Concluded evaluations (a re-opened one counts again once it concludes). First pass: passed, and no run judged FAIL. */
  evaluations(generation: string | null): Promise<EvaluationRow[]> {
    return this.dataSource.query(
      `SELECT e.generation, count(*)::int AS concluded, count(*) FILTER (WHERE e.outcome = 'PASSED')::int AS passed,
              count(*) FILTER (WHERE e.outcome = 'PASSED'
                AND NOT EXISTS (SELECT 1 FROM verdict v WHERE v.rack_serial = e.rack_serial AND v.verdict = 'FAIL'))::int AS first_pass
         FROM rack_evaluation e WHERE e.status = 'CONCLUDED' AND ($1::text IS NULL OR e.generation = $1)
        GROUP BY e.generation`,
      [generation],
    );
  }

  runs(generation: string | null): Promise<RunRow[]> {
    return this.dataSource.query(
      `SELECT generation, count(*)::int AS judged, count(*) FILTER (WHERE verdict = 'FAIL')::int AS failed
         FROM verdict WHERE ($1::text IS NULL OR generation = $1) GROUP BY generation`,
      [generation],
    );
  }

  /**
   * The current criteria of each generation with the distribution of the figures runs were judged
   * on (nearest neighbours interpolated: percentile_cont), read from the comparison covering index.
   */
  criteria(generation: string | null): Promise<CriterionRow[]> {
    return this.dataSource.query(
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
  components(generation: string | null): Promise<ComponentRow[]> {
    return this.dataSource.query(
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
