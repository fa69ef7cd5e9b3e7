import { ResultsError, ResultsErrorCode } from '../results.errors';

export const RUN_STATES = ['SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED'] as const;
export type RunState = (typeof RUN_STATES)[number];
export type RunFact = 'scheduled' | 'started' | 'completed' | 'aborted';

const TARGET: Record<RunFact, RunState> = { scheduled: 'SCHEDULED', started: 'RUNNING', completed: 'COMPLETED', aborted: 'ABORTED' };
const FROM: Record<RunFact, readonly RunState[]> = {
  scheduled: [],
  started: ['SCHEDULED'],
  completed: ['RUNNING'],
  aborted: ['SCHEDULED', 'RUNNING'],
};

/**
 * The run lifecycle as results mirrors it from test-run's events. The first event seen about a
 * run is taken as the truth (its earlier facts may have been published before this service
 * existed); after that only forward transitions apply.
 */
export const RunMirrorStateMachine = {
  transition(current: RunState | undefined, fact: RunFact): RunState {
    if (current === undefined) return TARGET[fact];
    if (!FROM[fact].includes(current)) {
      throw new ResultsError(
        ResultsErrorCode.ILLEGAL_TRANSITION,
        `run is ${current}; "${fact}" applies only from ${FROM[fact].join(' or ') || 'no state (a new run)'}`,
      );
    }
    return TARGET[fact];
  },
};
