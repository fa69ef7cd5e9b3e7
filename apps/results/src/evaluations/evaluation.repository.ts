import type { EvaluationOutcome } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';
import type { DiagnosisJudgement } from '../verdicts/diagnosis-verdict.rules';
import type { CriterionJudgement } from '../verdicts/run-verdict.rules';
import { toJudgement } from '../verdicts/verdict.repository';
import type { EvaluationSummary } from './evaluation-summary.rules';
import type { RunOutcome } from './rack-evaluation.rules';

export interface ConcludedEvaluation {
  rackSerial: string;
  generation: string;
  /** The rack's incarnation the verdict is about (1 until the rack came back from an RMA). */
  incarnation: number;
  outcome: EvaluationOutcome;
  concludedAt: string;
  failedSuites: string[];
  summary: EvaluationSummary;
  /** 1 for the first verdict, one more for each conclusion after a re-open. */
  revision?: number;
  /** REOPENED between a re-open and the next conclusion. */
  status?: 'CONCLUDED' | 'REOPENED';
}

/** The rack's evaluation as it stands: its current incarnation and, once it concluded in it, its latest verdict. */
export interface EvaluationHead {
  generation: string;
  incarnation: number;
  /** Absent while the incarnation has no verdict yet (a fresh evaluation after a return from an RMA). */
  concluded?: ConcludedEvaluation;
}

export const EvaluationRepository = {
  /** The runs of the rack's `incarnation` (runs of other incarnations are history, or wait for their return). */
  async runOutcomes(manager: EntityManager, rackSerial: string, incarnation: number): Promise<RunOutcomeRow[]> {
    const rows = await manager.query(
      `SELECT ${RUN_OUTCOME_COLUMNS} FROM run r LEFT JOIN verdict v ON v.run_id = r.run_id
       WHERE r.rack_serial = $1 AND r.incarnation = $2 ORDER BY r.suite, r.attempt`,
      [rackSerial, incarnation],
    );
    return rows.map(runOutcomeOf);
  },

  /**
   * What assessing the rack reads, under its lock (see `head`): the evaluation row, locked; the runs
   * of the incarnation it is at (1 without a row), as `runOutcomes`; and the criteria results of
   * those runs' current verdicts, in run order then position, as `judgements`. The lock is one
   * statement and the reads one more: a read in the lock's own statement would use a snapshot taken
   * before the lock was granted, and so miss what its last holder committed.
   */
  async lockedStanding(
    manager: EntityManager,
    rackSerial: string,
  ): Promise<{ head?: EvaluationHead; runs: RunOutcomeRow[]; judgements: Array<CriterionJudgement & { runId: string }> }> {
    await lockRack(manager, rackSerial);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `WITH head AS (
         SELECT ${HEAD_COLUMNS.join(', ')} FROM rack_evaluation WHERE rack_serial = $1 FOR UPDATE
       ), runs AS (
         SELECT ${RUN_OUTCOME_COLUMNS},
                (SELECT json_agg(vc ORDER BY vc.position) FROM verdict_criterion vc WHERE vc.run_id = r.run_id) AS criteria
           FROM run r LEFT JOIN verdict v ON v.run_id = r.run_id
          WHERE r.rack_serial = $1 AND r.incarnation = coalesce((SELECT incarnation FROM head), 1)
       )
       SELECT ${HEAD_COLUMNS.map((column) => `head.${column} AS head_${column}`).join(', ')}, runs.*
         FROM (VALUES (1)) AS one LEFT JOIN head ON true LEFT JOIN runs ON true
        ORDER BY runs.suite, runs.attempt`,
      [rackSerial],
    );
    const first = rows[0];
    const head =
      first.head_rack_serial === null
        ? undefined
        : headOf(Object.fromEntries(HEAD_COLUMNS.map((column) => [column, first[`head_${column}`]])));
    const withRuns = rows.filter((row) => row.run_id !== null);
    return {
      head,
      runs: withRuns.map(runOutcomeOf),
      judgements: withRuns.flatMap((row) =>
        ((row.criteria ?? []) as Array<Record<string, unknown>>).map((criterion) => ({
          ...toJudgement(criterion),
          runId: row.run_id as string,
        })),
      ),
    };
  },

  /** The criteria results of the given runs, in their order, each with its run. */
  async judgements(manager: EntityManager, runIds: string[]): Promise<Array<CriterionJudgement & { runId: string }>> {
    const rows = await manager.query(
      `SELECT vc.* FROM verdict_criterion vc JOIN unnest($1::uuid[]) WITH ORDINALITY AS o(run_id, n) ON o.run_id = vc.run_id
       ORDER BY o.n, vc.position`,
      [runIds],
    );
    return rows.map((row: Record<string, unknown>) => ({ ...toJudgement(row), runId: row.run_id as string }));
  },

  /** The diagnosis criteria results of the given runs' current verdicts, in their order, each with its run. */
  async diagnosisJudgements(manager: EntityManager, runIds: string[]): Promise<Array<DiagnosisJudgement & { runId: string }>> {
    const rows: Array<{ run_id: string; diagnosis_criteria: DiagnosisJudgement[] }> = await manager.query(
      `SELECT v.run_id, v.diagnosis_criteria FROM verdict v JOIN unnest($1::uuid[]) WITH ORDINALITY AS o(run_id, n) ON o.run_id = v.run_id ORDER BY o.n`,
      [runIds],
    );
    return rows.flatMap((row) => row.diagnosis_criteria.map((judgement) => ({ ...judgement, runId: row.run_id })));
  },

  /**
   * The row that makes a conclusion happen once per revision: a first verdict (of the rack, or of a
   * fresh incarnation: revision 0 + 1), or the next one of a re-opened evaluation, always of the
   * incarnation the row is at. Returns the revision, or undefined when it already concluded. The
   * verdict is also appended to evaluation_verdict, the history of every revision of every incarnation.
   */
  async conclude(manager: EntityManager, evaluation: ConcludedEvaluation): Promise<number | undefined> {
    // One statement: the history row is the concluded row as RETURNING gives it; none when the upsert did nothing.
    const inserted = await manager.query(
      `WITH concluded AS (
         INSERT INTO rack_evaluation (rack_serial, generation, outcome, criteria_met, criteria_total, summary, concluded_at, incarnation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (rack_serial) DO UPDATE SET outcome = EXCLUDED.outcome, criteria_met = EXCLUDED.criteria_met,
           criteria_total = EXCLUDED.criteria_total, summary = EXCLUDED.summary, concluded_at = EXCLUDED.concluded_at,
           generation = EXCLUDED.generation, revision = rack_evaluation.revision + 1, status = 'CONCLUDED'
         WHERE rack_evaluation.status IN ('REOPENED', 'PENDING') AND rack_evaluation.incarnation = EXCLUDED.incarnation
         RETURNING rack_serial, incarnation, revision, generation, outcome, criteria_met, criteria_total, summary, concluded_at
       )
       INSERT INTO evaluation_verdict (rack_serial, incarnation, revision, generation, outcome, criteria_met, criteria_total, summary, concluded_at)
       SELECT rack_serial, incarnation, revision, generation, outcome, criteria_met, criteria_total, summary, concluded_at FROM concluded
       RETURNING revision`,
      [
        evaluation.rackSerial,
        evaluation.generation,
        evaluation.outcome,
        evaluation.summary.criteriaMet,
        evaluation.summary.criteriaTotal,
        JSON.stringify({ ...evaluation.summary, failedSuites: evaluation.failedSuites }),
        evaluation.concludedAt,
        evaluation.incarnation,
      ],
    );
    if (inserted.length !== 1) return undefined;
    return inserted[0].revision as number;
  },

  /**
   * The rack's evaluation row: its incarnation and latest verdict (`status` says whether it was
   * re-opened since); undefined before the rack's first verdict or return. `lock` serialises
   * conclusions, re-opens and returns of the rack: a per-rack transaction lock first (it holds even
   * while the row does not exist yet), then the row.
   */
  async head(manager: EntityManager, rackSerial: string, lock = false): Promise<EvaluationHead | undefined> {
    if (lock) await lockRack(manager, rackSerial);
    const [row] = await manager.query(
      `SELECT ${HEAD_COLUMNS.join(', ')} FROM rack_evaluation WHERE rack_serial = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [rackSerial],
    );
    return row ? headOf(row) : undefined;
  },

  /** The latest verdict of the rack's current incarnation (`status` says whether it was re-opened since); see `head` for `lock`. */
  async concluded(manager: EntityManager, rackSerial: string, lock = false): Promise<ConcludedEvaluation | undefined> {
    return (await this.head(manager, rackSerial, lock))?.concluded;
  },

  /**
   * Starts the evaluation again for a later incarnation: no verdict (PENDING, revision 0, so its
   * first verdict is revision 1). False when the row is already at that incarnation or a later one.
   */
  async restart(manager: EntityManager, rackSerial: string, generation: string, incarnation: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO rack_evaluation (rack_serial, generation, incarnation, status, revision) VALUES ($1, $2, $3, 'PENDING', 0)
       ON CONFLICT (rack_serial) DO UPDATE SET generation = EXCLUDED.generation, incarnation = EXCLUDED.incarnation,
         status = 'PENDING', revision = 0, outcome = NULL, criteria_met = NULL, criteria_total = NULL, summary = NULL, concluded_at = NULL
       WHERE rack_evaluation.incarnation < EXCLUDED.incarnation
       RETURNING rack_serial`,
      [rackSerial, generation, incarnation],
    );
    return rows.length === 1;
  },
};

/** A run of the rack as assessing it needs it (RunOutcome), with its generation and plan version. */
export type RunOutcomeRow = RunOutcome & { generation: string; planVersion: number };

/** The columns of a run and its current verdict that RunOutcomeRow is read from (run `r`, verdict `v`). */
const RUN_OUTCOME_COLUMNS = `r.run_id, r.suite, r.attempt, r.state, r.attempt_consumed, r.generation, r.plan_version, v.verdict,
  v.revision AS verdict_revision`;

function runOutcomeOf(row: Record<string, unknown>): RunOutcomeRow {
  return {
    runId: row.run_id as string,
    suite: row.suite as string,
    attempt: row.attempt as number,
    state: row.state as RunOutcome['state'],
    attemptConsumed: row.attempt_consumed as boolean,
    ...(row.verdict ? { verdict: row.verdict as RunOutcome['verdict'], verdictRevision: row.verdict_revision as number } : {}),
    generation: row.generation as string,
    planVersion: row.plan_version as number,
  };
}

/** The evaluation row's columns an EvaluationHead is read from. */
const HEAD_COLUMNS = ['rack_serial', 'generation', 'incarnation', 'status', 'outcome', 'summary', 'concluded_at', 'revision'] as const;

/** Serialises conclusions, re-opens and returns of the rack: a transaction lock, held even while its row does not exist yet. */
async function lockRack(manager: EntityManager, rackSerial: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('results:rack-evaluation'), hashtext($1))`, [rackSerial]);
}

function headOf(row: Record<string, unknown>): EvaluationHead {
  const head = { generation: row.generation as string, incarnation: row.incarnation as number };
  if (row.status === 'PENDING') return head;
  const { failedSuites, ...summary } = row.summary as EvaluationSummary & { failedSuites: string[] };
  const concluded: ConcludedEvaluation = {
    rackSerial: row.rack_serial as string,
    generation: row.generation as string,
    incarnation: row.incarnation as number,
    outcome: row.outcome as EvaluationOutcome,
    concludedAt: new Date(row.concluded_at as string).toISOString(),
    failedSuites,
    summary,
    revision: row.revision as number,
    status: row.status as ConcludedEvaluation['status'],
  };
  return { ...head, concluded };
}
