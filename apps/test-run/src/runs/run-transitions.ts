import { EntityManager } from 'typeorm';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { RunEntity, RunTransitionEntity } from './run.entity';
import { RunAction, RunStateMachine } from './run.state-machine';

export type RunChanges = Partial<
  Pick<RunEntity, 'startedAt' | 'startedBy' | 'completedAt' | 'completedBy' | 'abortedAt' | 'abortedBy' | 'abortReason' | 'abortCause'>
>;

export interface RunStep {
  actor: string;
  at: Date;
  /** The columns the action sets beside the state (who and when started, completed or aborted). */
  changes: RunChanges;
  reason: string | null;
}

/**
 * The one place a run changes state: the state machine decides, the row moves only if nobody moved
 * it since it was read (its version; a lost race is a 409), and the history line is written in the
 * caller's transaction. Scheduling inserts a new run SCHEDULED (creation, not a transition) and
 * writes its first history line here. results mirrors each move from the events (results:
 * run-mirror/run-mirror-transitions.ts).
 */
export const RunTransitions = {
  /** Moves `run` by `action`; answers the run as it is now. */
  async move(manager: EntityManager, run: RunEntity, action: RunAction, step: RunStep): Promise<RunEntity> {
    const to = RunStateMachine.transition(run.id, run.state, action);
    const result = await manager
      .createQueryBuilder()
      .update(RunEntity)
      .set({ ...step.changes, state: to, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: run.id, version: run.version })
      .execute();
    if (result.affected !== 1) {
      throw new TestRunError(
        TestRunErrorCode.CONCURRENT_UPDATE,
        `run ${run.id} was changed by a concurrent request after it was read (version ${run.version}); read it again and retry`,
        [{ field: 'version', message: 'stale' }],
      );
    }
    await manager.insert(RunTransitionEntity, {
      runId: run.id,
      fromState: run.state,
      toState: to,
      actor: step.actor,
      at: step.at,
      reason: step.reason,
    });
    return { ...run, ...step.changes, state: to, version: run.version + 1 };
  },

  /** The first history line of a run just scheduled. */
  async scheduled(manager: EntityManager, run: RunEntity, actor: string, at: Date): Promise<void> {
    await manager.insert(RunTransitionEntity, { runId: run.id, fromState: null, toState: run.state, actor, at, reason: null });
  },
};
