import type { RackEvaluationReopenedV1 } from '@rackeval/contracts';
import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import type { AttemptAllowance } from '../runs/attempt.rules';

/** Per rack, incarnation and suite, the last attempt number a re-opened evaluation allows. */
export const AttemptAllowanceRepository = {
  /**
   * Kept for the incarnation the evaluation was re-opened in (absent means 1), so it never applies
   * to a later one. Within it, a re-open of a later verdict revision replaces an earlier one's
   * limit; a replayed older event changes nothing.
   */
  async record(manager: EntityManager, reopened: RackEvaluationReopenedV1): Promise<void> {
    for (const suite of reopened.suites) {
      await manager.query(
        `INSERT INTO suite_attempt_allowance (rack_serial, incarnation, suite, attempt_limit, revision, reopened_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (rack_serial, incarnation, suite) DO UPDATE SET attempt_limit = EXCLUDED.attempt_limit, revision = EXCLUDED.revision,
           reopened_at = EXCLUDED.reopened_at
         WHERE suite_attempt_allowance.revision < EXCLUDED.revision`,
        [reopened.rackSerial, reopened.incarnation ?? 1, suite.suite, suite.attemptLimit, reopened.revision, reopened.occurredAt],
      );
    }
  },

  /** The limits re-opened evaluations set for the rack's suite, one per incarnation (attempt.rules.ts picks the current one). */
  async allowancesOf(manager: EntityManager, rackSerial: string, suite: string): Promise<AttemptAllowance[]> {
    const rows: Row[] = await manager.query(
      `SELECT incarnation, attempt_limit FROM suite_attempt_allowance WHERE rack_serial = $1 AND suite = $2`,
      [rackSerial, suite],
    );
    return rows.map((row) => recordOf<AttemptAllowance>(row));
  },
};
