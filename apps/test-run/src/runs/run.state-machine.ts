import type { RunState } from '@rackeval/contracts';
import { defineStateMachine } from '@rackeval/platform';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';

/** A run in one of these states holds its rack and its bay. */
export const ACTIVE_RUN_STATES: readonly RunState[] = ['SCHEDULED', 'RUNNING'];

export type RunAction = 'start' | 'complete' | 'abort';

const TRANSITIONS: Record<RunAction, { from: readonly RunState[]; to: RunState }> = {
  start: { from: ['SCHEDULED'], to: 'RUNNING' },
  complete: { from: ['RUNNING'], to: 'COMPLETED' },
  abort: { from: ['SCHEDULED', 'RUNNING'], to: 'ABORTED' },
};

const machine = defineStateMachine<RunState, RunAction, (typeof TRANSITIONS)[RunAction], string>(
  TRANSITIONS,
  ({ state, action, rule, context: runId }) =>
    new TestRunError(
      TestRunErrorCode.ILLEGAL_TRANSITION,
      `run ${runId} is ${state}; ${action} is allowed only from ${rule.from.join(' or ')}`,
      [{ field: 'state', message: `${action} is not allowed from ${state}` }],
    ),
);

/** SCHEDULED → RUNNING → COMPLETED | ABORTED, and SCHEDULED → ABORTED. Pure: no I/O. */
export const RunStateMachine = {
  transition(runId: string, current: RunState, action: RunAction): RunState {
    return machine.transition(current, action, runId);
  },

  isActive(state: RunState): boolean {
    return ACTIVE_RUN_STATES.includes(state);
  },
};
