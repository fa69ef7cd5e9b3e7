import { Injectable, Logger } from '@nestjs/common';
import {
  CloudEvent,
  OptionEndedV1,
  OptionStateChangedV1,
  RackEvaluationCompletedV1,
  RackEvaluationReopenedV1,
  RunStartedV1,
} from '@rackeval/contracts';
import { Transaction, UnprocessableEventError } from '@rackeval/messaging';
import { KnownOptionsRepository } from '../holds/known-options.repository';
import { RackEntity } from '../rack.entity';
import { RacksRepository } from '../racks.repository';
import { DeferredFactsRepository } from './deferred-facts.repository';
import { earlierIncarnation, LifecycleFact, planFor } from './lifecycle.rules';
import { RackAction } from '../rack.state-machine';
import { RackTransitions, TransitionCause } from './rack-transitions';

interface Fact {
  fact: LifecycleFact;
  serial: string;
  /** The serial's incarnation a run or verdict is about (absent in the event: 1); option facts name none. */
  incarnation?: number;
  eventId: string;
  actor: string;
  reason: string;
  occurredAt: Date;
}

/**
 * Moves racks on what other services report: runs starting, evaluation verdicts, option decisions.
 * Each fact is planned by `planFor` (see there for the ordering rules). A fact about a rack intake
 * never received is dead-lettered: intake writes a rack before any service can hear of it, so such
 * an event means a misrouted or corrupt message, and the dead-letter topic makes it visible.
 */
@Injectable()
export class LifecycleEventsService {
  private readonly logger = new Logger(LifecycleEventsService.name);

  constructor(private readonly transitions: RackTransitions) {}

  runStarted(event: CloudEvent<RunStartedV1>, tx: Transaction) {
    const { data } = event;
    const reason = `run ${data.runId} (${data.suite}, attempt ${data.attempt}) started in bay ${data.bay}`;
    return this.apply(tx, { ...aboutIncarnation(event), fact: 'run-started', actor: data.actor, reason });
  }

  evaluationCompleted(event: CloudEvent<RackEvaluationCompletedV1>, tx: Transaction) {
    const { data } = event;
    const failed = data.failedSuites.length ? `; failed suites: ${data.failedSuites.join(', ')}` : '';
    const reason = `evaluation ${data.outcome}: ${data.criteriaMet} of ${data.criteriaTotal} criteria met${failed}`;
    const again = (data.revision ?? 1) > 1;
    const fact =
      data.outcome === 'PASSED'
        ? again
          ? 'evaluation-passed-again'
          : 'evaluation-passed'
        : again
          ? 'evaluation-failed-again'
          : 'evaluation-failed';
    return this.apply(tx, { ...aboutIncarnation(event), fact, actor: 'rule:evaluation-verdict', reason });
  }

  /** results re-opened the verdict (results' RackEvaluationReopened): the rack is back in evaluation. */
  evaluationReopened(event: CloudEvent<RackEvaluationReopenedV1>, tx: Transaction) {
    const { data } = event;
    const reason = `evaluation re-opened (${data.cause}, was ${data.previousOutcome}) by ${data.actor}: ${data.reason}`;
    return this.apply(tx, { ...aboutIncarnation(event), fact: 'evaluation-reopened', actor: data.actor, reason });
  }

  optionEnded(event: CloudEvent<OptionEndedV1>, tx: Transaction, how: 'exercised' | 'declined' | 'lapsed') {
    const { data } = event;
    const beforeVerdict = how === 'declined' && data.from === 'PENDING_EVALUATION';
    const reason = `option ${how}${beforeVerdict ? ' before its verdict' : ''}${how === 'lapsed' ? '' : ` by ${data.actor}`}: ${data.rationale}${data.waiver ? ` (waiver: ${data.waiver})` : ''}`;
    const fact = how === 'exercised' ? 'option-exercised' : beforeVerdict ? 'option-declined-pending' : 'option-ended';
    const actor = how === 'lapsed' ? 'rule:option-expiry' : data.actor;
    return this.apply(tx, { fact, serial: data.rackSerial, eventId: event.id, actor, reason, occurredAt: new Date(data.occurredAt) });
  }

  /** Keeps intake's copy of the option state: a rack is not returned while finance can still buy it (ways-out.rules.ts). */
  optionStateChanged(event: CloudEvent<OptionStateChangedV1>, tx: Transaction): Promise<void> {
    return KnownOptionsRepository.record(tx.manager, event.data.rackSerial, event.data.to, event.time);
  }

  private async apply(tx: Transaction, fact: Fact): Promise<void> {
    // Locked before planning: a verdict and an option end for the same rack arrive on different
    // topics and may be applied at once; unlocked, each could plan from the state before the other
    // (write skew) and a deferred option end would never be replayed.
    const rack = await RacksRepository.lock(tx.manager, fact.serial);
    if (!rack) throw new UnprocessableEventError(`rack ${fact.serial} is not known to intake (${fact.fact}, event ${fact.eventId})`);
    const plan = earlierIncarnation(fact.incarnation, rack.incarnation) ?? planFor(fact.fact, rack.heldFrom ?? rack.state);
    switch (plan.kind) {
      case 'apply':
        for (const step of plan.steps) await this.step(tx, rack, step.action, causeOf(fact, step.note));
        if (fact.fact.startsWith('evaluation-passed') || fact.fact.startsWith('evaluation-failed')) await this.replayDeferred(tx, rack);
        return;
      case 'ignore':
        this.logger.log(`ignored ${fact.fact} for ${fact.serial} (event ${fact.eventId}): ${plan.why}`);
        return;
      case 'defer':
        await DeferredFactsRepository.defer(tx.manager, fact);
        return;
      case 'unprocessable':
        throw new UnprocessableEventError(`rack ${fact.serial}: ${plan.why} (${fact.fact}, event ${fact.eventId})`);
    }
  }

  /** A held rack stays ON_HOLD; the fact moves the state its release returns it to. */
  private async step(tx: Transaction, rack: RackEntity, action: RackAction, cause: TransitionCause): Promise<void> {
    if (rack.state === 'ON_HOLD') await this.transitions.moveWhileHeld(tx, rack, action, cause);
    else await this.transitions.move(tx, rack, action, cause);
  }

  /**
   * Resolves what is still deferred for one rack (the periodic sweep's safety net); false when the
   * rack is locked by a transaction applying a fact right now (it replays them itself).
   */
  async resolveDeferred(tx: Transaction, serial: string): Promise<boolean> {
    const rack = await RacksRepository.lockUnlessBusy(tx.manager, serial);
    if (!rack) return false;
    await this.replayDeferred(tx, rack);
    return true;
  }

  /** Option decisions that overtook the verdict are applied now, in the order they arrived. */
  private async replayDeferred(tx: Transaction, rack: RackEntity): Promise<void> {
    const parked = await DeferredFactsRepository.unresolvedOf(tx.manager, rack.serial);
    for (const entry of parked) {
      const fact: Fact = {
        fact: entry.fact,
        serial: rack.serial,
        eventId: entry.event_id,
        actor: entry.actor,
        reason: entry.reason,
        occurredAt: entry.occurred_at,
      };
      const plan = planFor(fact.fact, rack.heldFrom ?? rack.state);
      if (plan.kind === 'defer') continue;
      if (plan.kind === 'apply') {
        for (const step of plan.steps) await this.step(tx, rack, step.action, causeOf(fact, 'applied once the evaluation verdict arrived'));
      } else {
        this.logger.warn(`deferred ${fact.fact} for ${rack.serial} (event ${fact.eventId}) not applied: ${plan.why}`);
      }
      const resolution = plan.kind === 'apply' ? 'applied' : `${plan.kind}: ${plan.why}`;
      await DeferredFactsRepository.resolve(tx.manager, entry.event_id, resolution);
    }
  }
}

/** Where a run's or a verdict's fact applies and when: its rack, the incarnation it is about (absent: 1), the event. */
function aboutIncarnation(
  event: CloudEvent<{ rackSerial: string; incarnation?: number; occurredAt: string }>,
): Pick<Fact, 'serial' | 'incarnation' | 'eventId' | 'occurredAt'> {
  const { data } = event;
  return { serial: data.rackSerial, incarnation: data.incarnation ?? 1, eventId: event.id, occurredAt: new Date(data.occurredAt) };
}

function causeOf(fact: Fact, note?: string): TransitionCause {
  return {
    actor: fact.actor,
    reason: note ? `${fact.reason} (${note})` : fact.reason,
    occurredAt: fact.occurredAt,
    causeEventId: fact.eventId,
  };
}
