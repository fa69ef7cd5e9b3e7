import { TestRunError, TestRunErrorCode } from '../test-run.errors';

export const RUN_STATES = ['SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** A run in one of these states holds its rack and its bay. */
export const ACTIVE_RUN_STATES: readonly RunState[] = ['SCHEDULED', 'RUNNING'];

export type RunAction = 'start' | 'complete' | 'abort';

const TRANSITIONS: Record<RunAction, { from: readonly RunState[]; to: RunState }> = {
  start: { from: ['SCHEDULED'], to: 'RUNNING' },
  complete: { from: ['RUNNING'], to: 'COMPLETED' },
  abort: { from: ['SCHEDULED', 'RUNNING'], to: 'ABORTED' },
};

/** SCHEDULED → RUNNING → COMPLETED | ABORTED, and SCHEDULED → ABORTED. Pure: no I/O. */
export const RunStateMachine = {
  transition(runId: string, current: RunState, action: RunAction): RunState {
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(current)) {
      throw new TestRunError(
        TestRunErrorCode.ILLEGAL_TRANSITION,
        `run ${runId} is ${current}; ${action} is allowed only from ${rule.from.join(' or ')}`,
        [{ field: 'state', message: `${action} is not allowed from ${current}` }],
      );
    }
    return rule.to;
  },

  isActive(state: RunState): boolean {
    return ACTIVE_RUN_STATES.includes(state);
  },
};
