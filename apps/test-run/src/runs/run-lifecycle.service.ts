import { Injectable } from '@nestjs/common';
import { AbortCause, abortConsumesAttempt, RunAborted, RunCompleted, RunStarted } from '@rackeval/contracts';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { RunEntity } from './run.entity';
import { RunAction } from './run.state-machine';
import { RunChanges, RunTransitions } from './run-transitions';
import { runFact, RunView, toRunView } from './run.view';
import { RunsRepository } from './runs.repository';
import { assertSiteAllowed, type RunActor } from './site-limit.rules';

@Injectable()
export class RunLifecycleService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: RunsRepository,
  ) {}

  /** `actor` is a name (audit only) or the caller, whose site limit then applies (rule SITE_NOT_ALLOWED). */
  start(id: string, actor: string | RunActor): Promise<RunView> {
    return this.move(id, 'start', actor);
  }

  complete(id: string, actor: string | RunActor): Promise<RunView> {
    return this.move(id, 'complete', actor);
  }

  /** Only a DEVICE abort uses up the attempt; the others leave it for the next run of the suite. */
  abort(id: string, actor: string | RunActor, abort: AbortRequest): Promise<RunView> {
    return this.move(id, 'abort', actor, abort);
  }

  /**
   * Intake held or withdrew the rack: its active run (scheduled or running) is aborted in the
   * consumer's transaction, attributed to the rule. Nothing active: nothing to do (idempotent).
   */
  async abortActiveRunOfRack(tx: Transaction, rackSerial: string, actor: string, abort: AbortRequest): Promise<RunView | undefined> {
    const run = await this.runs.activeRunOfRack(tx.manager, rackSerial);
    return run ? this.moveIn(tx, run.id, 'abort', actor, abort) : undefined;
  }

  private move(id: string, action: RunAction, caller: string | RunActor, abort?: AbortRequest): Promise<RunView> {
    const by: RunActor = typeof caller === 'string' ? { username: caller } : caller;
    return this.unitOfWork.runOnce((tx) => this.moveIn(tx, id, action, by.username, abort, by));
  }

  private async moveIn(
    tx: Transaction,
    id: string,
    action: RunAction,
    actor: string,
    abort?: AbortRequest,
    by?: RunActor,
  ): Promise<RunView> {
    const { run, rackStartedBefore } = await this.mustFind(tx.manager, id, action);
    if (by) assertSiteAllowed(by, run.site, `run ${id} (bay ${run.bay})`);
    const at = new Date();
    const reason = abort ? `${abort.cause}: ${abort.reason}` : null;
    const moved = await RunTransitions.move(tx.manager, run, action, { actor, at, changes: changesFor(action, at, actor, abort), reason });
    this.publish(tx, action, moved.run, at, actor, rackStartedBefore);
    return toRunView(moved.run, moved.history);
  }

  private publish(tx: Transaction, action: RunAction, run: RunEntity, at: Date, actor: string, rackStartedBefore: boolean): void {
    const fact = runFact(run, at, actor);
    if (action === 'start') {
      // One active run per rack means no other run of this rack can start at the same time. A rack
      // returned from an RMA is released afresh, so its incarnation's first start tells intake again.
      tx.publish(RunStarted, { ...fact, firstRunOfRack: !rackStartedBefore });
    } else if (action === 'complete') {
      tx.publish(RunCompleted, fact);
    } else {
      const cause = run.abortCause!;
      tx.publish(RunAborted, { ...fact, reason: run.abortReason!, cause, attemptConsumed: abortConsumesAttempt(cause) });
    }
  }

  /** The run; for a start, also whether another run of its rack's incarnation started before (read with it). */
  private async mustFind(
    manager: Transaction['manager'],
    id: string,
    action: RunAction,
  ): Promise<{ run: RunEntity; rackStartedBefore: boolean }> {
    const found =
      action === 'start'
        ? await this.runs.findWithEarlierStart(manager, id)
        : await this.runs.find(manager, id).then((run) => run && { run, rackStartedBefore: false });
    if (!found) throw new TestRunError(TestRunErrorCode.RUN_NOT_FOUND, `run ${id} does not exist`);
    return found;
  }
}

export interface AbortRequest {
  cause: AbortCause;
  reason: string;
}

function changesFor(action: RunAction, at: Date, actor: string, abort?: AbortRequest): RunChanges {
  switch (action) {
    case 'start':
      return { startedAt: at, startedBy: actor };
    case 'complete':
      return { completedAt: at, completedBy: actor };
    case 'abort':
      return { abortedAt: at, abortedBy: actor, abortReason: abort!.reason, abortCause: abort!.cause };
  }
}
