import { metric } from '@rackeval/messaging';
import { Counter } from 'prom-client';

export type DecisionOutcome = 'exercised' | 'approval-requested' | 'declined' | 'approved' | 'rejected';

const decisions = metric(
  'rackeval_option_decisions_total',
  () =>
    new Counter({
      name: 'rackeval_option_decisions_total',
      help: 'Finance decisions and approvals recorded, by outcome',
      labelNames: ['outcome'],
    }),
);

/** Counts a decision once its transaction committed; an idempotent replay (undefined) counts nothing. */
export function countDecision(outcome: DecisionOutcome | undefined): void {
  if (outcome) decisions.inc({ outcome });
}
