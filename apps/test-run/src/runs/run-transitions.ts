import type { Row } from '@rackeval/platform';
import { EntityManager } from 'typeorm';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { RunEntity, RunTransitionEntity } from './run.entity';
import { RunAction, RunStateMachine } from './run.state-machine';
import { RUN_TRANSITION_COLUMNS, runTransitionOf } from './runs.repository';

export type RunChanges = Partial<
  Pick<RunEntity, 'startedAt' | 'startedBy' | 'completedAt' | 'completedBy' | 'abortedAt' | 'abortedBy' | 'abortReason' | 'abortCause'>
>;

/** The column of each field an action may set beside the state. */
const CHANGE_COLUMNS: Readonly<Record<keyof RunChanges, string>> = {
  startedAt: 'started_at',
  startedBy: 'started_by',
  completedAt: 'completed_at',
  completedBy: 'completed_by',
  abortedAt: 'aborted_at',
  abortedBy: 'aborted_by',
  abortReason: 'abort_reason',
  abortCause: 'abort_cause',
};

export interface RunStep {
  actor: string;
  at: Date;
  /** The columns the action sets beside the state (who and when started, completed or aborted). */
  changes: RunChanges;
  reason: string | null;
}

/** A run as a move left it, with its whole history (the new line last). */
export interface MovedRun {
  run: RunEntity;
  history: RunTransitionEntity[];
}

/**
 * The one place a run changes state: the state machine decides, the row moves only if nobody moved
 * it since it was read (its version; a lost race is a 409), and the history line is written in the
 * caller's transaction. Scheduling inserts a new run SCHEDULED (creation, not a transition) and
 * writes its first history line here. results mirrors each move from the events (results:
 * run-mirror/run-mirror-transitions.ts).
 */
export const RunTransitions = {
  /**
   * Moves `run` by `action`; answers the run as it is now and its history. One statement updates
   * the row (only the columns that change), inserts the history line when the update took, and
   * reads the history: the lines committed before (the statement's snapshot) and the new one.
   */
  async move(manager: EntityManager, run: RunEntity, action: RunAction, step: RunStep): Promise<MovedRun> {
    const to = RunStateMachine.transition(run.id, run.state, action);
    const fields = Object.keys(step.changes) as (keyof RunChanges)[];
    const params: unknown[] = [run.id, run.version, to, run.state, step.actor, step.at, step.reason];
    const sets = fields.map((field) => `${CHANGE_COLUMNS[field]} = $${params.push(step.changes[field])}`);
    const rows: Row[] = await manager.query(
      `WITH moved AS (
         UPDATE run SET ${[...sets, 'state = $3::text', 'version = version + 1'].join(', ')}
         WHERE id = $1 AND version = $2
         RETURNING id
       ), line AS (
         INSERT INTO run_transition (run_id, from_state, to_state, actor, at, reason)
         SELECT id, $4::text, $3::text, $5::text, $6::timestamptz, $7::text FROM moved
         RETURNING ${RUN_TRANSITION_COLUMNS}
       )
       SELECT ${RUN_TRANSITION_COLUMNS} FROM run_transition WHERE run_id = $1 AND EXISTS (SELECT 1 FROM line)
       UNION ALL SELECT ${RUN_TRANSITION_COLUMNS} FROM line
       ORDER BY id`,
      params,
    );
    // A move that took has written at least its own line; no rows means the version had moved on.
    if (rows.length === 0) {
      throw new TestRunError(
        TestRunErrorCode.CONCURRENT_UPDATE,
        `run ${run.id} was changed by a concurrent request after it was read (version ${run.version}); read it again and retry`,
        [{ field: 'version', message: 'stale' }],
      );
    }
    return { run: { ...run, ...step.changes, state: to, version: run.version + 1 }, history: rows.map(runTransitionOf) };
  },

  /** The first history line of a run just scheduled. */
  async scheduled(manager: EntityManager, run: RunEntity, actor: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO run_transition (run_id, from_state, to_state, actor, at, reason) VALUES ($1, NULL, $2, $3, $4, NULL)`,
      [run.id, run.state, actor, at],
    );
  },
};
