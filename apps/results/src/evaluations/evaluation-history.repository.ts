import type { EvaluationOutcome, ReopenCause, ReopenedSuiteV1 } from '@rackeval/contracts';
import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import type { SuiteAllowance } from './rack-evaluation.rules';

export interface EvaluationVerdictRecord {
  revision: number;
  outcome: EvaluationOutcome;
  criteriaMet: number;
  criteriaTotal: number;
  failedSuites: string[];
  concludedAt: string;
}

export interface ReopeningRecord {
  /** The verdict revision that was re-opened. */
  revision: number;
  cause: ReopenCause;
  reason: string;
  actor: string;
  extraAttempts: number;
  suites: ReopenedSuiteV1[];
  reopenedAt: string;
}

/** The append-only history of an evaluation: every verdict revision and every re-open. */
export const EvaluationHistoryRepository = {
  async verdicts(manager: EntityManager, rackSerial: string): Promise<EvaluationVerdictRecord[]> {
    const rows = await manager.query(
      `SELECT revision, outcome, criteria_met, criteria_total, summary->'failedSuites' AS failed_suites, concluded_at FROM evaluation_verdict
       WHERE rack_serial = $1 ORDER BY revision DESC`,
      [rackSerial],
    );
    return rows.map((row: Row) => ({
      ...recordOf<EvaluationVerdictRecord>(row),
      failedSuites: (row.failed_suites as string[] | null) ?? [],
    }));
  },

  async reopenings(manager: EntityManager, rackSerial: string): Promise<ReopeningRecord[]> {
    const rows = await manager.query(
      `SELECT revision, cause, reason, actor, extra_attempts, suites, reopened_at FROM evaluation_reopening
       WHERE rack_serial = $1 ORDER BY revision DESC`,
      [rackSerial],
    );
    return rows.map((row: Row) => recordOf<ReopeningRecord>(row));
  },

  /** Per suite, the latest re-open that re-decides it: what assessRack counts from. */
  async allowances(manager: EntityManager, rackSerial: string): Promise<Map<string, SuiteAllowance>> {
    const allowances = new Map<string, SuiteAllowance>();
    for (const reopening of (await this.reopenings(manager, rackSerial)).reverse()) {
      for (const suite of reopening.suites)
        allowances.set(suite.suite, { fromAttempt: suite.fromAttempt, attemptLimit: suite.attemptLimit });
    }
    return allowances;
  },

  /** Marks the concluded revision re-opened and records why; false when it is no longer that concluded revision. */
  async reopen(manager: EntityManager, rackSerial: string, reopening: ReopeningRecord): Promise<boolean> {
    const updated = await manager.query(
      `UPDATE rack_evaluation SET status = 'REOPENED' WHERE rack_serial = $1 AND revision = $2 AND status = 'CONCLUDED' RETURNING rack_serial`,
      [rackSerial, reopening.revision],
    );
    if ((updated[0] as unknown[]).length !== 1) return false;
    await manager.query(
      `INSERT INTO evaluation_reopening (rack_serial, revision, cause, reason, actor, extra_attempts, suites, reopened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        rackSerial,
        reopening.revision,
        reopening.cause,
        reopening.reason,
        reopening.actor,
        reopening.extraAttempts,
        JSON.stringify(reopening.suites),
        reopening.reopenedAt,
      ],
    );
    return true;
  },
};
