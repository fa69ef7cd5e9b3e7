import type { CloudEvent, RunFactV1, RunState } from '@rackeval/contracts';
import { Transaction, UnprocessableEventError } from '@rackeval/messaging';
import type { Row } from '@rackeval/platform';
import { ResultsError } from '../results.errors';
import { RunFact, RunMirrorStateMachine } from './run-mirror.state-machine';
import { changeValues, RUN_COLUMNS, RunChange, RunRecord, RunRepository, toRunRecord } from './run.repository';

/**
 * The one place results' copy of a run changes state, as test-run's events say (test-run:
 * runs/run-transitions.ts moves the run itself). The first event seen about a run creates the copy
 * in the state it names; later events move it forward, guarded by the row version; each writes a
 * history line, all in the consumer's transaction.
 */
export const RunMirrorTransitions = {
  async apply(tx: Transaction, event: CloudEvent<RunFactV1>, fact: RunFact, change: Omit<RunChange, 'state'> = {}): Promise<RunRecord> {
    const { data } = event;
    // FOR UPDATE waits for measurement batches holding the run FOR SHARE, so a verdict sees every committed batch.
    const existing = await RunRepository.find(tx.manager, data.runId, 'update');
    const to = transition(existing?.state, fact, data.runId);
    // Both writes return the row as written: the caller gets the run without reading it again.
    const run = existing
      ? await update(tx, existing, { state: to, ...change })
      : await RunRepository.insert(tx.manager, data, { state: to, ...change });
    if (!run) throw new Error(`run ${data.runId} changed concurrently; retrying`);
    await tx.manager.query(
      `INSERT INTO run_transition (run_id, from_state, to_state, at, actor, event_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [data.runId, existing?.state ?? null, to, data.occurredAt, data.actor, event.id],
    );
    return run;
  },
};

/** A fact that can never apply to the copy (e.g. started after completed) is dead-lettered, not retried. */
function transition(current: RunState | undefined, fact: RunFact, runId: string): RunState {
  try {
    return RunMirrorStateMachine.transition(current, fact);
  } catch (error) {
    if (error instanceof ResultsError) throw new UnprocessableEventError(`run ${runId}: ${error.message}`);
    throw error;
  }
}

/** Optimistic: applies only if nobody changed the run since it was read; returns the run as updated, or undefined. */
async function update(tx: Transaction, run: RunRecord, change: RunChange): Promise<RunRecord | undefined> {
  const updated = await tx.manager.query(
    `UPDATE run SET state = $3, criteria_version = coalesce($4, criteria_version), started_at = coalesce($5, started_at),
       ended_at = coalesce($6, ended_at), abort_reason = coalesce($7, abort_reason), abort_cause = coalesce($8, abort_cause),
       attempt_consumed = coalesce($9, attempt_consumed), row_version = row_version + 1
     WHERE run_id = $1 AND row_version = $2 RETURNING ${RUN_COLUMNS}`,
    [run.runId, run.rowVersion, ...changeValues(change)],
  );
  const [row] = updated[0] as Row[];
  return row ? toRunRecord(row) : undefined;
}
