import type { RunFactV1, RunState, TestSuiteV1 } from '@rackeval/contracts';
import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';

export interface RunRecord {
  runId: string;
  rackSerial: string;
  generation: string;
  suite: string;
  attempt: number;
  /** The rack's incarnation the run tests (1 for the unit as first delivered; test-run's events say). */
  incarnation: number;
  maxAttempts: number;
  required: boolean;
  planVersion: number;
  metrics: string[];
  state: RunState;
  criteriaVersion: number | null;
  startedAt: string | null;
  endedAt: string | null;
  rowVersion: number;
}

export interface RunChange {
  state: RunState;
  criteriaVersion?: number | null;
  startedAt?: string;
  endedAt?: string;
  abortReason?: string;
  abortCause?: string;
  /** False only for an abort that leaves the attempt (test-run says so on run.aborted). */
  attemptConsumed?: boolean;
}

/**
 * A change's values for the columns state, criteria_version, started_at, ended_at, abort_reason,
 * abort_cause and attempt_consumed, in that order; null where the change says nothing.
 */
export const changeValues = (change: RunChange): unknown[] => [
  change.state,
  change.criteriaVersion ?? null,
  change.startedAt ?? null,
  change.endedAt ?? null,
  change.abortReason ?? null,
  change.abortCause ?? null,
  change.attemptConsumed ?? null,
];

/** The columns a RunRecord is read from (RETURNING them gives the row as written). */
export const RUN_COLUMNS = `run_id, rack_serial, generation, suite, attempt, incarnation, max_attempts, required, plan_version, metrics, state,
  criteria_version, started_at, ended_at, row_version`;

export const toRunRecord = (row: Row) => recordOf<RunRecord>(row);

/**
 * The statement that creates the copy of a run and returns it as written (parameters $1–$19, see
 * `insertValues`): run-mirror-transitions.ts writes it with the run's first history line.
 */
export const INSERT_RUN = `INSERT INTO run (run_id, rack_serial, generation, suite, attempt, max_attempts, required, plan_version, metrics, bay, site, incarnation,
     state, criteria_version, started_at, ended_at, abort_reason, abort_cause, attempt_consumed)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
   RETURNING ${RUN_COLUMNS}`;

/** INSERT_RUN's parameters for a run first seen in `fact`, in the state `change` names. */
export const insertValues = (fact: RunFactV1, change: RunChange): unknown[] => [
  fact.runId,
  fact.rackSerial,
  fact.generation,
  fact.suite,
  fact.attempt,
  fact.maxAttempts,
  fact.required,
  fact.planVersion,
  fact.metrics,
  fact.bay,
  fact.site,
  // Events from before incarnations name none: the unit as first delivered.
  fact.incarnation ?? 1,
  // A new run's attempt counts unless its first event says otherwise.
  ...changeValues({ ...change, attemptConsumed: change.attemptConsumed ?? true }),
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RunRepository = {
  /** `lock`: 'share' lets concurrent measurement batches proceed while judging (FOR UPDATE) waits for them. */
  async find(manager: EntityManager, runId: string, lock?: 'share' | 'update'): Promise<RunRecord | undefined> {
    if (!UUID.test(runId)) return undefined;
    const suffix = lock === 'share' ? 'FOR SHARE' : lock === 'update' ? 'FOR UPDATE' : '';
    const [row] = await manager.query(`SELECT ${RUN_COLUMNS} FROM run WHERE run_id = $1 ${suffix}`, [runId]);
    return row ? toRunRecord(row) : undefined;
  },

  async ofRack(manager: EntityManager, rackSerial: string): Promise<RunRecord[]> {
    const rows = await manager.query(`SELECT ${RUN_COLUMNS} FROM run WHERE rack_serial = $1 ORDER BY suite, attempt`, [rackSerial]);
    return rows.map(toRunRecord);
  },

  async savePlan(manager: EntityManager, generation: string, version: number, suites: TestSuiteV1[], publishedAt: string): Promise<void> {
    await manager.query(
      `INSERT INTO test_plan (generation, version, suites, published_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [generation, version, JSON.stringify(suites), publishedAt],
    );
  },

  async plan(manager: EntityManager, generation: string, version: number): Promise<TestSuiteV1[] | undefined> {
    const [row] = await manager.query(`SELECT suites FROM test_plan WHERE generation = $1 AND version = $2`, [generation, version]);
    return row?.suites;
  },

  /** The generation's newest plan: what a rack's fresh evaluation is shown against before its first run. */
  async latestPlan(manager: EntityManager, generation: string): Promise<TestSuiteV1[] | undefined> {
    const [row] = await manager.query(`SELECT suites FROM test_plan WHERE generation = $1 ORDER BY version DESC LIMIT 1`, [generation]);
    return row?.suites;
  },

  /** Racks of a generation with runs under a plan version and no concluded (or a re-opened) evaluation: a late plan may decide them. */
  async racksAwaitingPlan(manager: EntityManager, generation: string, planVersion: number): Promise<string[]> {
    const rows = await manager.query(
      `SELECT DISTINCT r.rack_serial FROM run r
       WHERE r.generation = $1 AND r.plan_version = $2
         AND NOT EXISTS (SELECT 1 FROM rack_evaluation e WHERE e.rack_serial = r.rack_serial AND e.status = 'CONCLUDED')`,
      [generation, planVersion],
    );
    return rows.map((row: { rack_serial: string }) => row.rack_serial);
  },
};
