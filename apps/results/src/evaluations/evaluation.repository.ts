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
  outcome: EvaluationOutcome;
  concludedAt: string;
  failedSuites: string[];
  summary: EvaluationSummary;
  /** 1 for the first verdict, one more for each conclusion after a re-open. */
  revision?: number;
  /** REOPENED between a re-open and the next conclusion. */
  status?: 'CONCLUDED' | 'REOPENED';
}

export const EvaluationRepository = {
  async runOutcomes(manager: EntityManager, rackSerial: string): Promise<Array<RunOutcome & { generation: string; planVersion: number }>> {
    const rows = await manager.query(
      `SELECT r.run_id, r.suite, r.attempt, r.state, r.attempt_consumed, r.generation, r.plan_version, v.verdict, v.revision AS verdict_revision
       FROM run r LEFT JOIN verdict v ON v.run_id = r.run_id WHERE r.rack_serial = $1 ORDER BY r.suite, r.attempt`,
      [rackSerial],
    );
    return rows.map((row: Record<string, unknown>) => ({
      runId: row.run_id as string,
      suite: row.suite as string,
      attempt: row.attempt as number,
      state: row.state as RunOutcome['state'],
      attemptConsumed: row.attempt_consumed as boolean,
      ...(row.verdict ? { verdict: row.verdict as RunOutcome['verdict'], verdictRevision: row.verdict_revision as number } : {}),
      generation: row.generation as string,
      planVersion: row.plan_version as number,
    }));
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
   * The row that makes a conclusion happen once per revision: a first verdict, or the next one of a
   * re-opened evaluation. Returns the revision, or undefined when it already concluded. The verdict
   * is also appended to evaluation_verdict, the history of every revision.
   */
  async conclude(manager: EntityManager, evaluation: ConcludedEvaluation): Promise<number | undefined> {
    const inserted = await manager.query(
      `INSERT INTO rack_evaluation (rack_serial, generation, outcome, criteria_met, criteria_total, summary, concluded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (rack_serial) DO UPDATE SET outcome = EXCLUDED.outcome, criteria_met = EXCLUDED.criteria_met,
         criteria_total = EXCLUDED.criteria_total, summary = EXCLUDED.summary, concluded_at = EXCLUDED.concluded_at,
         revision = rack_evaluation.revision + 1, status = 'CONCLUDED'
       WHERE rack_evaluation.status = 'REOPENED'
       RETURNING revision`,
      [
        evaluation.rackSerial,
        evaluation.generation,
        evaluation.outcome,
        evaluation.summary.criteriaMet,
        evaluation.summary.criteriaTotal,
        JSON.stringify({ ...evaluation.summary, failedSuites: evaluation.failedSuites }),
        evaluation.concludedAt,
      ],
    );
    if (inserted.length !== 1) return undefined;
    const revision = inserted[0].revision as number;
    await manager.query(
      `INSERT INTO evaluation_verdict (rack_serial, revision, generation, outcome, criteria_met, criteria_total, summary, concluded_at)
       SELECT rack_serial, revision, generation, outcome, criteria_met, criteria_total, summary, concluded_at FROM rack_evaluation WHERE rack_serial = $1`,
      [evaluation.rackSerial],
    );
    return revision;
  },

  /** The latest verdict (`status` says whether it was re-opened since); `lock` serialises re-opens and conclusions of the rack. */
  async concluded(manager: EntityManager, rackSerial: string, lock = false): Promise<ConcludedEvaluation | undefined> {
    const [row] = await manager.query(`SELECT * FROM rack_evaluation WHERE rack_serial = $1 ${lock ? 'FOR UPDATE' : ''}`, [rackSerial]);
    if (!row) return undefined;
    const { failedSuites, ...summary } = row.summary as EvaluationSummary & { failedSuites: string[] };
    return {
      rackSerial: row.rack_serial,
      generation: row.generation,
      outcome: row.outcome,
      concludedAt: new Date(row.concluded_at).toISOString(),
      failedSuites,
      summary,
      revision: row.revision,
      status: row.status,
    };
  },
};
