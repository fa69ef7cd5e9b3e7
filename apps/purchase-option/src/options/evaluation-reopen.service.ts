import { Injectable, Logger } from '@nestjs/common';
import { RackEvaluationReopenedV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { TermsRepository } from '../terms/terms.repository';
import { incarnationOf, incarnationOrder } from './incarnation.rules';
import { OptionIncarnationService } from './option-incarnation.service';
import { applyTransition, recordOverruled } from './option-transitions';
import { PurchaseOptionEntity } from './option.entity';
import { OptionRepository } from './option.repository';
import { OptionStateMachine, reopenOutcome } from './option.state-machine';

/**
 * results re-opened a rack's evaluation (results: evaluations/evaluation-reopen.service.ts): the
 * kept verdict is dropped so the next conclusion applies, and an option with a verdict returns to
 * PENDING_EVALUATION (its window and any pending exercise request undone). results refuses a
 * re-open once it knows the option ended; one that crossed the option's end is `reopenOutcome`'s
 * rule: the option stays ended (an overruled re-open of an EXERCISED option is audited), nothing
 * is dead-lettered, and the later verdict is ignored as well (the kept evaluation stays).
 * A re-open of an earlier incarnation than the option's is audited and changes nothing; one of a
 * later incarnation means the unit came back: the option reopens for it first (OptionIncarnationService).
 */
@Injectable()
export class EvaluationReopenService {
  private readonly logger = new Logger(EvaluationReopenService.name);

  constructor(private readonly incarnations: OptionIncarnationService) {}

  async reopened(reopened: RackEvaluationReopenedV1, tx: Transaction): Promise<void> {
    await OptionRepository.lockRackAndTerms(tx.manager, reopened);
    const incarnation = incarnationOf(reopened);
    let option = await OptionRepository.find(tx.manager, reopened.rackSerial);
    const told = `evaluation of incarnation ${incarnation} re-opened (${reopened.cause}, was ${reopened.previousOutcome}) by ${reopened.actor}`;
    const order = option ? incarnationOrder(incarnation, option.incarnation) : 'current';
    if (option && order === 'older') return this.incarnations.stale(tx, option, { incarnation, actor: reopened.actor, what: told });
    if (option && order === 'newer') {
      option = await this.incarnations.unitBack(tx, option, { incarnation, actor: 'results', told });
      if (!option) return; // exercised, or not ended: audited, the re-open is not applied
    }
    const kept = await OptionRepository.evaluation(tx.manager, reopened.rackSerial);
    if (!option && kept && kept.incarnation > incarnation) {
      this.logger.log(
        `rack ${reopened.rackSerial}: a re-open of incarnation ${incarnation} after a verdict of ${kept.incarnation}; ignored`,
      );
      return;
    }
    const outcome = option ? reopenOutcome(option.state) : 'apply';
    if (option && outcome === 'overruled') {
      const terms = option.termsVersion ? await TermsRepository.version(tx.manager, option.generation, option.termsVersion) : null;
      await recordOverruled(tx, option, terms, {
        action: 'REOPEN_OVERRULED',
        actor: reopened.actor,
        at: new Date(),
        reason:
          `evaluation re-opened (${reopened.cause}, was ${reopened.previousOutcome}) by ${reopened.actor}: ${reopened.reason} — not applied: ` +
          `the option was exercised by ${option.decidedBy ?? 'finance'} before the re-open reached it; the exercise stands and a later verdict is ignored`,
      });
      return;
    }
    if (option && outcome === 'moot') {
      this.logger.log(
        `rack ${reopened.rackSerial}'s evaluation was re-opened after its option ended ${option.state}; the option stays ended`,
      );
      return;
    }
    await OptionRepository.dropEvaluation(tx.manager, reopened.rackSerial);
    if (!option?.termsVersion || !OptionStateMachine.canTransition(option.state, 'evaluation-reopened')) return;
    const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion);
    const pendingRequest = option.state === 'PENDING_APPROVAL' ? '; the pending exercise request is withdrawn' : '';
    await applyTransition(tx, option, terms!, {
      action: 'evaluation-reopened',
      actor: reopened.actor,
      at: new Date(),
      reason: `evaluation re-opened (${reopened.cause}, was ${reopened.previousOutcome}) by ${reopened.actor}: ${reopened.reason}${pendingRequest}`,
      changes: cleared(),
    });
  }
}

function cleared(): Partial<PurchaseOptionEntity> {
  return {
    verdictAt: null,
    expiresAt: null,
    requestedBy: null,
    requestedById: null,
    requestedAt: null,
    requestRationale: null,
    requestWaiver: null,
    requestedFrom: null,
  };
}
