import { Injectable } from '@nestjs/common';
import { RunAborted, RunCompleted, RunStarted } from '@rackeval/contracts';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { onceForKey } from '@rackeval/platform';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { RunEntity } from './run.entity';
import { RunAction, RunStateMachine } from './run.state-machine';
import { runFact, RunView, toRunView } from './run.view';
import { RunChanges, RunsRepository } from './runs.repository';

@Injectable()
export class RunLifecycleService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: RunsRepository,
  ) {}

  start(id: string, actor: string, idempotencyKey?: string): Promise<RunView> {
    return this.move(id, 'start', actor, undefined, idempotencyKey);
  }

  complete(id: string, actor: string, idempotencyKey?: string): Promise<RunView> {
    return this.move(id, 'complete', actor, undefined, idempotencyKey);
  }

  abort(id: string, actor: string, reason: string, idempotencyKey?: string): Promise<RunView> {
    return this.move(id, 'abort', actor, reason, idempotencyKey);
  }

  private move(id: string, action: RunAction, actor: string, reason?: string, idempotencyKey?: string): Promise<RunView> {
    const retry = idempotencyKey ? { key: idempotencyKey, scope: `POST /v1/runs/${id}/${action} ${actor}`, body: { reason } } : undefined;
    return this.unitOfWork.run((tx) =>
      onceForKey(tx, retry, async () => {
        const run = await this.mustFind(tx.manager, id);
        const to = RunStateMachine.transition(id, run.state, action);
        const at = new Date();
        const changes = changesFor(action, at, actor, reason);
        if (!(await this.runs.transition(tx.manager, run, to, changes))) {
          throw new TestRunError(
            TestRunErrorCode.CONCURRENT_UPDATE,
            `run ${id} was changed by a concurrent request after it was read (version ${run.version}); read it again and retry`,
            [{ field: 'version', message: 'stale' }],
          );
        }
        await this.runs.recordTransition(tx.manager, { runId: id, fromState: run.state, toState: to, actor, at, reason: reason ?? null });
        const moved: RunEntity = { ...run, ...changes, state: to, version: run.version + 1 };
        await this.publish(tx, action, moved, at, actor, reason);
        return toRunView(moved, await this.runs.history(tx.manager, id));
      }),
    );
  }

  private async publish(tx: Transaction, action: RunAction, run: RunEntity, at: Date, actor: string, reason?: string): Promise<void> {
    const fact = runFact(run, at, actor);
    if (action === 'start') {
      // One active run per rack means no other run of this rack can start at the same time.
      const firstRunOfRack = !(await this.runs.rackStartedBefore(tx.manager, run.rackSerial, run.id));
      tx.publish(RunStarted, { ...fact, firstRunOfRack });
    } else if (action === 'complete') {
      tx.publish(RunCompleted, fact);
    } else {
      tx.publish(RunAborted, { ...fact, reason: reason! });
    }
  }

  private async mustFind(manager: Transaction['manager'], id: string): Promise<RunEntity> {
    const run = await this.runs.find(manager, id);
    if (!run) throw new TestRunError(TestRunErrorCode.RUN_NOT_FOUND, `run ${id} does not exist`);
    return run;
  }
}

function changesFor(action: RunAction, at: Date, actor: string, reason?: string): RunChanges {
  switch (action) {
    case 'start':
      return { startedAt: at, startedBy: actor };
    case 'complete':
      return { completedAt: at, completedBy: actor };
    case 'abort':
      return { abortedAt: at, abortedBy: actor, abortReason: reason ?? null };
  }
}
