import type { RackEvaluationReopenedV1 } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';

/** Per rack and suite, the last attempt number a re-opened evaluation allows. */
export const AttemptAllowanceRepository = {
  /** A re-open of a later verdict revision replaces an earlier one's limit; a replayed older event changes nothing. */
  async record(manager: EntityManager, reopened: RackEvaluationReopenedV1): Promise<void> {
    for (const suite of reopened.suites) {
      await manager.query(
        `INSERT INTO suite_attempt_allowance (rack_serial, suite, attempt_limit, revision, reopened_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (rack_serial, suite) DO UPDATE SET attempt_limit = EXCLUDED.attempt_limit, revision = EXCLUDED.revision,
           reopened_at = EXCLUDED.reopened_at
         WHERE suite_attempt_allowance.revision < EXCLUDED.revision`,
        [reopened.rackSerial, suite.suite, suite.attemptLimit, reopened.revision, reopened.occurredAt],
      );
    }
  },

  async limitOf(manager: EntityManager, rackSerial: string, suite: string): Promise<number | null> {
    const [row] = await manager.query(`SELECT attempt_limit FROM suite_attempt_allowance WHERE rack_serial = $1 AND suite = $2`, [
      rackSerial,
      suite,
    ]);
    return row ? (row.attempt_limit as number) : null;
  },
};
