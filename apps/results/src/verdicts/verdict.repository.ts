import type { Verdict } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';
import type { RunRecord } from '../run-mirror/run.repository';
import type { DiagnosisJudgement } from './diagnosis-verdict.rules';
import type { CriterionJudgement, RunJudgement } from './run-verdict.rules';

export interface VerdictView {
  runId: string;
  rackSerial: string;
  generation: string;
  suite: string;
  attempt: number;
  criteriaVersion: number;
  verdict: Verdict;
  revision: number;
  judgedAt: string;
  /** Why the run failed as a whole when no criterion says it (NO_MATCHING_CRITERIA). */
  reason?: string;
  criteria: CriterionJudgement[];
  /** Diagnosis criteria with the diagnosis that decided each (empty when the version has none for the suite). */
  diagnosisCriteria: DiagnosisJudgement[];
  /** Earlier verdicts of this run, newest first: each re-judgement (late samples, a correction) keeps the one it replaced. */
  revisions: VerdictRevision[];
}

export interface VerdictRevision {
  revision: number;
  verdict: Verdict;
  criteriaVersion: number;
  judgedAt: string;
  reason?: string;
  criteria: CriterionJudgement[];
  diagnosisCriteria: DiagnosisJudgement[];
}

export const VerdictRepository = {
  /** Current (not superseded) samples per metric, in observation order. */
  async samples(manager: EntityManager, runId: string): Promise<Map<string, number[]>> {
    const rows: Array<{ metric: string; values: number[] }> = await manager.query(
      `SELECT metric, array_agg(value ORDER BY coalesce(observed_at, recorded_at), id) AS values
       FROM measurement WHERE run_id = $1 AND superseded_by IS NULL GROUP BY metric`,
      [runId],
    );
    return new Map(rows.map((row) => [row.metric, row.values.map(Number)]));
  },

  /**
   * Replaces the run's verdict with a new revision; returns that revision. The history keeps every
   * revision; verdict and verdict_criterion hold the current one (what comparisons read). The verdict,
   * its history row and, for the run's first verdict (revision 1: no earlier criteria rows to replace),
   * its criteria rows are one statement; a later revision replaces the earlier criteria rows after it
   * (a statement's insert does not see the rows its own delete removes, so their keys would clash).
   */
  async save(manager: EntityManager, run: RunRecord, criteriaVersion: number, judgement: RunJudgement, judgedAt: string): Promise<number> {
    const diagnosisCriteria = JSON.stringify(judgement.diagnosisCriteria ?? []);
    const c = judgement.criteria;
    const [{ revision }] = await manager.query(
      `WITH head AS (
         INSERT INTO verdict (run_id, rack_serial, generation, suite, attempt, criteria_version, verdict, revision, judged_at, reason, diagnosis_criteria)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10::jsonb)
         ON CONFLICT (run_id) DO UPDATE SET verdict = EXCLUDED.verdict, criteria_version = EXCLUDED.criteria_version,
           revision = verdict.revision + 1, judged_at = EXCLUDED.judged_at, reason = EXCLUDED.reason, diagnosis_criteria = EXCLUDED.diagnosis_criteria
         RETURNING revision
       ), history AS (
         INSERT INTO verdict_revision (run_id, revision, verdict, criteria_version, reason, criteria, judged_at, diagnosis_criteria)
         SELECT $1, revision, $7, $6, $9, $11::jsonb, $8, $10::jsonb FROM head
       ), first_criteria AS (
         ${insertCriteria({ run: 1, generation: 3, first: 12 })} WHERE (SELECT revision FROM head) = 1
       )
       SELECT revision FROM head`,
      [
        run.runId,
        run.rackSerial,
        run.generation,
        run.suite,
        run.attempt,
        criteriaVersion,
        judgement.verdict,
        judgedAt,
        judgement.reason ?? null,
        diagnosisCriteria,
        JSON.stringify(c),
        ...criteriaColumns(c),
      ],
    );
    if (Number(revision) > 1) {
      await manager.query(`DELETE FROM verdict_criterion WHERE run_id = $1`, [run.runId]);
      if (c.length)
        await manager.query(insertCriteria({ run: 1, generation: 2, first: 3 }), [run.runId, run.generation, ...criteriaColumns(c)]);
    }
    return Number(revision);
  },

  async find(manager: EntityManager, runId: string): Promise<VerdictView | undefined> {
    const [head] = await manager.query(`SELECT * FROM verdict WHERE run_id = $1`, [runId]);
    if (!head) return undefined;
    const rows = await manager.query(`SELECT * FROM verdict_criterion WHERE run_id = $1 ORDER BY position`, [runId]);
    return {
      runId: head.run_id,
      rackSerial: head.rack_serial,
      generation: head.generation,
      suite: head.suite,
      attempt: head.attempt,
      criteriaVersion: head.criteria_version,
      verdict: head.verdict,
      revision: head.revision,
      judgedAt: new Date(head.judged_at).toISOString(),
      ...(head.reason ? { reason: head.reason } : {}),
      criteria: rows.map(toJudgement),
      diagnosisCriteria: head.diagnosis_criteria as DiagnosisJudgement[],
      revisions: await VerdictRepository.revisions(manager, runId, head.revision),
    };
  },

  /** The run's verdicts before `current`, newest first. */
  async revisions(manager: EntityManager, runId: string, current: number): Promise<VerdictRevision[]> {
    const rows = await manager.query(
      `SELECT revision, verdict, criteria_version, reason, criteria, judged_at, diagnosis_criteria FROM verdict_revision
       WHERE run_id = $1 AND revision < $2 ORDER BY revision DESC`,
      [runId, current],
    );
    return rows.map((row: Record<string, unknown>) => ({
      revision: row.revision as number,
      verdict: row.verdict as Verdict,
      criteriaVersion: row.criteria_version as number,
      judgedAt: new Date(row.judged_at as string).toISOString(),
      ...(row.reason ? { reason: row.reason as string } : {}),
      criteria: row.criteria as CriterionJudgement[],
      diagnosisCriteria: row.diagnosis_criteria as DiagnosisJudgement[],
    }));
  },
};

export function toJudgement(row: Record<string, unknown>): CriterionJudgement {
  return {
    metric: row.metric as string,
    unit: row.unit as string,
    comparator: row.comparator as CriterionJudgement['comparator'],
    ...(row.min !== null ? { min: row.min as number } : {}),
    ...(row.max !== null ? { max: row.max as number } : {}),
    aggregation: row.aggregation as CriterionJudgement['aggregation'],
    category: row.category as string,
    required: row.required as boolean,
    samples: row.samples as number,
    ...(row.measured !== null ? { measured: row.measured as number } : {}),
    result: row.result as Verdict,
    ...(row.reason !== null ? { reason: row.reason as string } : {}),
  };
}

/** The criteria rows' insert: the run and generation at parameters `run` and `generation`, the columns as arrays from `first` (criteriaColumns). */
function insertCriteria(at: { run: number; generation: number; first: number }): string {
  const arrays = ['int', 'text', 'text', 'text', 'float8', 'float8', 'text', 'text', 'bool', 'int', 'float8', 'text', 'text']
    .map((type, index) => `$${at.first + index}::${type}[]`)
    .join(', ');
  return `INSERT INTO verdict_criterion (run_id, generation, position, metric, unit, comparator, min, max, aggregation, category, required, samples, measured, result, reason)
     SELECT $${at.run}::uuid, $${at.generation}::text, p, m, u, cmp, mn, mx, a, cat, req, s, ms, r, rs
     FROM unnest(${arrays}) AS t(p, m, u, cmp, mn, mx, a, cat, req, s, ms, r, rs)`;
}

/** The criteria results as insertCriteria's column arrays, in verdict_criterion's position order. */
function criteriaColumns(c: CriterionJudgement[]): unknown[] {
  return [
    c.map((_, i) => i),
    c.map((x) => x.metric),
    c.map((x) => x.unit),
    c.map((x) => x.comparator),
    c.map((x) => x.min ?? null),
    c.map((x) => x.max ?? null),
    c.map((x) => x.aggregation),
    c.map((x) => x.category),
    c.map((x) => x.required),
    c.map((x) => x.samples),
    c.map((x) => x.measured ?? null),
    c.map((x) => x.result),
    c.map((x) => x.reason ?? null),
  ];
}
