import type { RunState } from '@rackeval/contracts';
import { defineStateMachine } from '@rackeval/platform';
import { ResultsError, ResultsErrorCode } from '../results.errors';

export type RunFact = 'scheduled' | 'started' | 'completed' | 'aborted';

/** test-run's run lifecycle (apps/test-run/src/runs/run.state-machine.ts) as the facts it publishes. */
const FACTS = {
  scheduled: { from: [], to: 'SCHEDULED' },
  started: { from: ['SCHEDULED'], to: 'RUNNING' },
  completed: { from: ['RUNNING'], to: 'COMPLETED' },
  aborted: { from: ['SCHEDULED', 'RUNNING'], to: 'ABORTED' },
} as const satisfies Record<RunFact, { from: readonly RunState[]; to: RunState }>;

const machine = defineStateMachine<RunState, RunFact, (typeof FACTS)[RunFact]>(
  FACTS,
  ({ state, action: fact, rule }) =>
    new ResultsError(
      ResultsErrorCode.ILLEGAL_TRANSITION,
      `run is ${state}; "${fact}" applies only from ${rule.from.join(' or ') || 'no state (a new run)'}`,
    ),
);

/**
 * The run lifecycle as results mirrors it from test-run's events. The first event seen about a
 * run is taken as the truth (its earlier facts may have been published before this service
 * existed); after that only forward transitions apply.
 */
export const RunMirrorStateMachine = {
  transition(current: RunState | undefined, fact: RunFact): RunState {
    if (current === undefined) return FACTS[fact].to;
    return machine.transition(current, fact);
  },
};
