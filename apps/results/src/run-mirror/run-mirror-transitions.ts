import type { CloudEvent, RunFactV1, RunState } from '@rackeval/contracts';
import { Transaction, UnprocessableEventError } from '@rackeval/messaging';
import type { Row } from '@rackeval/platform';
import { ResultsError } from '../results.errors';
import { RunFact, RunMirrorStateMachine } from './run-mirror.state-machine';
import { changeValues, INSERT_RUN, insertValues, RUN_COLUMNS, RunChange, RunRecord, RunRepository, toRunRecord } from './run.repository';

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
    // Each write returns the row as written and adds its history line in the same statement: the
    // caller gets the run without reading it again, and the move costs one round trip.
    const line: HistoryLine = { from: existing?.state ?? null, at: data.occurredAt, actor: data.actor, eventId: event.id };
    const run = existing
      ? await update(tx, existing, { state: to, ...change }, line)
      : await create(tx, data, { state: to, ...change }, line);
    if (!run) throw new Error(`run ${data.runId} changed concurrently; retrying`);
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

/** The history line a move writes beside the row: from where, when, by whom, on which event. */
interface HistoryLine {
  from: RunState | null;
  at: string;
  actor: string;
  eventId: string;
}

/** The history line's insert, for a CTE `written` that returns the run as written, its parameters from `$first`. */
const historyLine = (first: number) =>
  `INSERT INTO run_transition (run_id, from_state, to_state, at, actor, event_id)
   SELECT run_id, $${first}::text, state, $${first + 1}::timestamptz, $${first + 2}::text, $${first + 3}::text FROM written`;

const lineValues = (line: HistoryLine): unknown[] => [line.from, line.at, line.actor, line.eventId];

/** The first event seen about a run: the copy in the state it names, and its first history line. */
async function create(tx: Transaction, fact: RunFactV1, change: RunChange, line: HistoryLine): Promise<RunRecord> {
  const [row] = (await tx.manager.query(
    `WITH written AS (${INSERT_RUN}), line AS (${historyLine(20)})
     SELECT ${RUN_COLUMNS} FROM written`,
    [...insertValues(fact, change), ...lineValues(line)],
  )) as Row[];
  return toRunRecord(row);
}

/**
 * Optimistic: applies only if nobody changed the run since it was read, with its history line;
 * returns the run as updated, or undefined (and no line).
 */
async function update(tx: Transaction, run: RunRecord, change: RunChange, line: HistoryLine): Promise<RunRecord | undefined> {
  const [row] = (await tx.manager.query(
    `WITH written AS (
       UPDATE run SET state = $3, criteria_version = coalesce($4, criteria_version), started_at = coalesce($5, started_at),
         ended_at = coalesce($6, ended_at), abort_reason = coalesce($7, abort_reason), abort_cause = coalesce($8, abort_cause),
         attempt_consumed = coalesce($9, attempt_consumed), row_version = row_version + 1
       WHERE run_id = $1 AND row_version = $2 RETURNING ${RUN_COLUMNS}
     ), line AS (${historyLine(10)})
     SELECT ${RUN_COLUMNS} FROM written`,
    [run.runId, run.rowVersion, ...changeValues(change), ...lineValues(line)],
  )) as Row[];
  return row ? toRunRecord(row) : undefined;
}
