import type { EvaluationOutcome, ReopenCause, ReopenedSuiteV1, RmaReturnKind } from '@rackeval/contracts';
import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import type { SuiteAllowance } from './rack-evaluation.rules';

export interface EvaluationVerdictRecord {
  /** The rack's incarnation the verdict was about. */
  incarnation: number;
  revision: number;
  outcome: EvaluationOutcome;
  criteriaMet: number;
  criteriaTotal: number;
  failedSuites: string[];
  concludedAt: string;
}

export interface ReopeningRecord {
  /** The rack's incarnation whose evaluation was re-opened. */
  incarnation: number;
  /** The verdict revision that was re-opened. */
  revision: number;
  cause: ReopenCause;
  reason: string;
  actor: string;
  extraAttempts: number;
  suites: ReopenedSuiteV1[];
  reopenedAt: string;
}

/** A return from an RMA that started the evaluation again, and what the earlier incarnation's evaluation had come to. */
export interface RestartRecord {
  /** The incarnation evaluated from this return on. */
  incarnation: number;
  previousIncarnation: number;
  /** PENDING when the earlier incarnation had no verdict; REOPENED when its last verdict was re-opened. */
  previousStatus: 'PENDING' | 'CONCLUDED' | 'REOPENED';
  previousOutcome: EvaluationOutcome | null;
  previousRevision: number | null;
  rmaId: string;
  rmaNumber: string;
  kind: RmaReturnKind;
  /** "returned from RMA N as incarnation k" */
  reason: string;
  actor: string;
  returnedAt: string;
}

/** The append-only history of an evaluation: every verdict revision, every re-open and every return from an RMA, of every incarnation. */
export const EvaluationHistoryRepository = {
  async verdicts(manager: EntityManager, rackSerial: string): Promise<EvaluationVerdictRecord[]> {
    const rows = await manager.query(
      `SELECT incarnation, revision, outcome, criteria_met, criteria_total, summary->'failedSuites' AS failed_suites, concluded_at
         FROM evaluation_verdict WHERE rack_serial = $1 ORDER BY incarnation DESC, revision DESC`,
      [rackSerial],
    );
    return rows.map((row: Row) => ({
      ...recordOf<EvaluationVerdictRecord>(row),
      failedSuites: (row.failed_suites as string[] | null) ?? [],
    }));
  },

  async reopenings(manager: EntityManager, rackSerial: string): Promise<ReopeningRecord[]> {
    const rows = await manager.query(
      `SELECT incarnation, revision, cause, reason, actor, extra_attempts, suites, reopened_at FROM evaluation_reopening
       WHERE rack_serial = $1 ORDER BY incarnation DESC, revision DESC`,
      [rackSerial],
    );
    return rows.map((row: Row) => recordOf<ReopeningRecord>(row));
  },

  async restarts(manager: EntityManager, rackSerial: string): Promise<RestartRecord[]> {
    const rows = await manager.query(
      `SELECT incarnation, previous_incarnation, previous_status, previous_outcome, previous_revision, rma_id, rma_number, kind, reason,
              actor, returned_at
         FROM evaluation_restart WHERE rack_serial = $1 ORDER BY incarnation DESC`,
      [rackSerial],
    );
    return rows.map((row: Row) => recordOf<RestartRecord>(row));
  },

  /** Per suite, the latest re-open of the incarnation that re-decides it: what assessRack counts from. */
  async allowances(manager: EntityManager, rackSerial: string, incarnation: number): Promise<Map<string, SuiteAllowance>> {
    const allowances = new Map<string, SuiteAllowance>();
    const reopenings = (await this.reopenings(manager, rackSerial)).filter((reopening) => reopening.incarnation === incarnation);
    for (const reopening of reopenings.reverse()) {
      for (const suite of reopening.suites)
        allowances.set(suite.suite, { fromAttempt: suite.fromAttempt, attemptLimit: suite.attemptLimit });
    }
    return allowances;
  },

  /** Marks the concluded revision re-opened and records why; false when it is no longer that concluded revision. */
  async reopen(manager: EntityManager, rackSerial: string, reopening: ReopeningRecord): Promise<boolean> {
    const updated = await manager.query(
      `UPDATE rack_evaluation SET status = 'REOPENED'
        WHERE rack_serial = $1 AND incarnation = $2 AND revision = $3 AND status = 'CONCLUDED' RETURNING rack_serial`,
      [rackSerial, reopening.incarnation, reopening.revision],
    );
    if ((updated[0] as unknown[]).length !== 1) return false;
    await manager.query(
      `INSERT INTO evaluation_reopening (rack_serial, incarnation, revision, cause, reason, actor, extra_attempts, suites, reopened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        rackSerial,
        reopening.incarnation,
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

  /** Records the return that starts the incarnation (once: a redelivered return inserts nothing). */
  async restart(manager: EntityManager, rackSerial: string, restart: RestartRecord): Promise<void> {
    await manager.query(
      `INSERT INTO evaluation_restart (rack_serial, incarnation, previous_incarnation, previous_status, previous_outcome, previous_revision,
                                       rma_id, rma_number, kind, reason, actor, returned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
      [
        rackSerial,
        restart.incarnation,
        restart.previousIncarnation,
        restart.previousStatus,
        restart.previousOutcome,
        restart.previousRevision,
        restart.rmaId,
        restart.rmaNumber,
        restart.kind,
        restart.reason,
        restart.actor,
        restart.returnedAt,
      ],
    );
  },
};
