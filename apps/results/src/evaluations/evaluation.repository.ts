import type { EvaluationOutcome } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';
import type { CriterionJudgement } from '../verdicts/judge';
import { toJudgement } from '../verdicts/verdict.repository';
import type { EvaluationSummary } from './evaluation-summary';
import type { RunOutcome } from './rack-evaluation';

export interface ConcludedEvaluation {
  rackSerial: string;
  generation: string;
  outcome: EvaluationOutcome;
  concludedAt: string;
  failedSuites: string[];
  summary: EvaluationSummary;
}

export const EvaluationRepository = {
  async runOutcomes(manager: EntityManager, rackSerial: string): Promise<Array<RunOutcome & { generation: string; planVersion: number }>> {
    const rows = await manager.query(
      `SELECT r.run_id, r.suite, r.attempt, r.state, r.attempt_consumed, r.generation, r.plan_version, v.verdict
       FROM run r LEFT JOIN verdict v ON v.run_id = r.run_id WHERE r.rack_serial = $1 ORDER BY r.suite, r.attempt`,
      [rackSerial],
    );
    return rows.map((row: Record<string, unknown>) => ({
      runId: row.run_id as string,
      suite: row.suite as string,
      attempt: row.attempt as number,
      state: row.state as RunOutcome['state'],
      attemptConsumed: row.attempt_consumed as boolean,
      ...(row.verdict ? { verdict: row.verdict as RunOutcome['verdict'] } : {}),
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

  /** The unique row that makes the conclusion happen once per rack: false when it already concluded. */
  async conclude(manager: EntityManager, evaluation: ConcludedEvaluation): Promise<boolean> {
    const inserted = await manager.query(
      `INSERT INTO rack_evaluation (rack_serial, generation, outcome, criteria_met, criteria_total, summary, concluded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (rack_serial) DO NOTHING RETURNING rack_serial`,
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
    return inserted.length === 1;
  },

  async concluded(manager: EntityManager, rackSerial: string): Promise<ConcludedEvaluation | undefined> {
    const [row] = await manager.query(`SELECT * FROM rack_evaluation WHERE rack_serial = $1`, [rackSerial]);
    if (!row) return undefined;
    const { failedSuites, ...summary } = row.summary as EvaluationSummary & { failedSuites: string[] };
    return {
      rackSerial: row.rack_serial,
      generation: row.generation,
      outcome: row.outcome,
      concludedAt: new Date(row.concluded_at).toISOString(),
      failedSuites,
      summary,
    };
  },
};
