import type { EntityManager } from 'typeorm';
import type { Aggregation } from '../verdicts/aggregation.rules';
import type { DiagnosisCriterionRule } from '../verdicts/diagnosis-verdict.rules';
import type { CriterionRule } from '../verdicts/run-verdict.rules';

export interface CriteriaVersionView {
  generation: string;
  version: number;
  createdAt: string;
  createdBy: string;
  criteria: CriterionRule[];
  /** Criteria on the runs' OCPTV diagnoses (empty for a version without any). */
  diagnosisCriteria: DiagnosisCriterionRule[];
}

interface DiagnosisCriterionRow {
  symptom: string | null;
  hardware_info_id: string | null;
  require_pass: boolean;
  fail_on_unknown: boolean;
  suites: string[] | null;
  required: boolean;
  category: string;
}

const toDiagnosisRule = (row: DiagnosisCriterionRow): DiagnosisCriterionRule => ({
  ...(row.symptom !== null ? { symptom: row.symptom } : {}),
  ...(row.hardware_info_id !== null ? { hardwareInfoId: row.hardware_info_id } : {}),
  requirePass: row.require_pass,
  failOnUnknown: row.fail_on_unknown,
  ...(row.suites?.length ? { suites: row.suites } : {}),
  required: row.required,
  category: row.category,
});

interface CriterionRow {
  metric: string;
  unit: string;
  comparator: CriterionRule['comparator'];
  min: number | null;
  max: number | null;
  required: boolean;
  category: string;
  aggregation: Aggregation;
}

const toRule = (row: CriterionRow): CriterionRule => ({
  metric: row.metric,
  unit: row.unit,
  comparator: row.comparator,
  ...(row.min !== null ? { min: row.min } : {}),
  ...(row.max !== null ? { max: row.max } : {}),
  required: row.required,
  category: row.category,
  aggregation: row.aggregation,
});

/** Criteria versions are append-only: a PUT adds a version, nothing is ever changed. */
export const CriteriaRepository = {
  async append(
    manager: EntityManager,
    generation: string,
    actor: string,
    rules: CriterionRule[],
    diagnosisRules: DiagnosisCriterionRule[] = [],
  ): Promise<number> {
    // Serialises PUTs for one generation so versions are consecutive without a lost race.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('criteria:' || $1))`, [generation]);
    const [{ next }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM criteria_version WHERE generation = $1`, [
      generation,
    ]);
    await manager.query(`INSERT INTO criteria_version (generation, version, created_by) VALUES ($1, $2, $3)`, [generation, next, actor]);
    await manager.query(
      `INSERT INTO criterion (generation, version, position, metric, unit, comparator, min, max, required, category, aggregation)
       SELECT $1, $2, p, m, u, c, mn, mx, r, cat, a
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::bool[], $10::text[], $11::text[])
         AS t(p, m, u, c, mn, mx, r, cat, a)`,
      [
        generation,
        next,
        rules.map((_, i) => i),
        rules.map((r) => r.metric),
        rules.map((r) => r.unit),
        rules.map((r) => r.comparator),
        rules.map((r) => r.min ?? null),
        rules.map((r) => r.max ?? null),
        rules.map((r) => r.required),
        rules.map((r) => r.category),
        rules.map((r) => r.aggregation),
      ],
    );
    if (diagnosisRules.length) {
      // suites as JSON: unnest cannot take an array of arrays of different lengths.
      await manager.query(
        `INSERT INTO diagnosis_criterion (generation, version, position, symptom, hardware_info_id, require_pass, fail_on_unknown, suites, required, category)
         SELECT $1, $2, x.position, x.symptom, x.hardware_info_id, x.require_pass, x.fail_on_unknown,
                CASE WHEN x.suites IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(x.suites)) END, x.required, x.category
           FROM jsonb_to_recordset($3::jsonb) AS x(position int, symptom text, hardware_info_id text, require_pass boolean, fail_on_unknown boolean,
                suites jsonb, required boolean, category text)`,
        [
          generation,
          next,
          JSON.stringify(
            diagnosisRules.map((r, position) => ({
              position,
              symptom: r.symptom ?? null,
              hardware_info_id: r.hardwareInfoId ?? null,
              require_pass: r.requirePass,
              fail_on_unknown: r.failOnUnknown,
              suites: r.suites ?? null,
              required: r.required,
              category: r.category,
            })),
          ),
        ],
      );
    }
    return Number(next);
  },

  /** The given version, or the latest when none is given. */
  async find(manager: EntityManager, generation: string, version?: number): Promise<CriteriaVersionView | undefined> {
    const [head] = await manager.query(
      `SELECT generation, version, created_at, created_by FROM criteria_version
       WHERE generation = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [generation, version ?? null],
    );
    if (!head) return undefined;
    const rows: CriterionRow[] = await manager.query(
      `SELECT metric, unit, comparator, min, max, required, category, aggregation FROM criterion
       WHERE generation = $1 AND version = $2 ORDER BY position`,
      [generation, head.version],
    );
    const diagnosisRows: DiagnosisCriterionRow[] = await manager.query(
      `SELECT symptom, hardware_info_id, require_pass, fail_on_unknown, suites, required, category FROM diagnosis_criterion
       WHERE generation = $1 AND version = $2 ORDER BY position`,
      [generation, head.version],
    );
    return {
      generation: head.generation,
      version: head.version,
      createdAt: new Date(head.created_at).toISOString(),
      createdBy: head.created_by,
      criteria: rows.map(toRule),
      diagnosisCriteria: diagnosisRows.map(toDiagnosisRule),
    };
  },

  /** The version in force at an instant: the latest created at or before it. */
  async versionAt(manager: EntityManager, generation: string, at: string): Promise<number | undefined> {
    const [row] = await manager.query(`SELECT max(version) AS version FROM criteria_version WHERE generation = $1 AND created_at <= $2`, [
      generation,
      at,
    ]);
    return row?.version ?? undefined;
  },

  /** The first version ever published, for a run that started before its generation had criteria. */
  async firstVersion(manager: EntityManager, generation: string): Promise<number | undefined> {
    const [row] = await manager.query(`SELECT min(version) AS version FROM criteria_version WHERE generation = $1`, [generation]);
    return row?.version ?? undefined;
  },
};
