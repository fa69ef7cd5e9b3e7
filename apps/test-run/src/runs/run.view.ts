import { abortConsumesAttempt, RunFactV1 } from '@rackeval/contracts';
import { RunEntity, RunTransitionEntity } from './run.entity';
import { RunTransitionView, RunView } from './dto/run.view';

export { RunTransitionView, RunView };

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function toRunView(run: RunEntity, history?: RunTransitionEntity[]): RunView {
  const view: RunView = {
    id: run.id,
    state: run.state,
    rackSerial: run.rackSerial,
    generation: run.generation,
    suite: run.suite,
    suiteName: run.suiteName,
    incarnation: run.incarnation,
    attempt: run.attempt,
    maxAttempts: run.maxAttempts,
    required: run.required,
    planVersion: run.planVersion,
    metrics: run.metrics,
    bay: run.bay,
    site: run.site,
    version: run.version,
    scheduledAt: run.scheduledAt.toISOString(),
    scheduledBy: run.scheduledBy,
    startedAt: iso(run.startedAt),
    startedBy: run.startedBy,
    completedAt: iso(run.completedAt),
    completedBy: run.completedBy,
    abortedAt: iso(run.abortedAt),
    abortedBy: run.abortedBy,
    abortReason: run.abortReason,
    abortCause: run.abortCause,
    attemptConsumed: run.abortCause ? abortConsumesAttempt(run.abortCause) : true,
  };
  if (history) {
    view.history = history.map((t) => ({ from: t.fromState, to: t.toState, at: t.at.toISOString(), actor: t.actor, reason: t.reason }));
  }
  return view;
}

/** The facts every run event carries. */
export function runFact(run: RunEntity, occurredAt: Date, actor: string): RunFactV1 {
  return {
    runId: run.id,
    rackSerial: run.rackSerial,
    generation: run.generation,
    suite: run.suite,
    incarnation: run.incarnation,
    attempt: run.attempt,
    maxAttempts: run.maxAttempts,
    required: run.required,
    planVersion: run.planVersion,
    metrics: [...run.metrics],
    bay: run.bay,
    site: run.site,
    occurredAt: occurredAt.toISOString(),
    actor,
  };
}
