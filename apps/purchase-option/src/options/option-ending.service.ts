import { Injectable, Logger } from '@nestjs/common';
import { RackReasonedFactV1 } from '@rackeval/contracts';
import { Transaction, UnprocessableEventError } from '@rackeval/messaging';
import { TermsRepository } from '../terms/terms.repository';
import { applyTransition, recordOverruled, withdrawWithoutTerms } from './option-transitions';
import { PurchaseOptionEntity } from './option.entity';
import { OptionRepository } from './option.repository';
import { withdrawalOutcome } from './option.state-machine';

export type IntakeEnding = 'withdrawn' | 'returned';

/**
 * Intake withdrew or returned the rack (intake: racks/holds/; it refuses a return while the option
 * can still be exercised, and a withdrawal once it knows of an exercise): the option ends WITHDRAWN
 * in a checked transition. What a withdrawal that crossed a decision does is `withdrawalOutcome`'s
 * rule: an EXERCISED option stays EXERCISED and the audit trail records the overruled withdrawal;
 * any other ended option stays as it is. Never a dead letter.
 */
@Injectable()
export class OptionEndingService {
  private readonly logger = new Logger(OptionEndingService.name);

  async endByIntake(fact: RackReasonedFactV1, how: IntakeEnding, tx: Transaction): Promise<void> {
    await OptionRepository.lockRack(tx.manager, fact.rackSerial);
    const option = await OptionRepository.find(tx.manager, fact.rackSerial);
    // RackReceived precedes every other event of the rack on intake's topic: no option means a misrouted message.
    if (!option) throw new UnprocessableEventError(`rack ${fact.rackSerial} was ${how} at intake but never received here`);
    const outcome = withdrawalOutcome(option.state);
    const at = new Date();
    const reason = `rack ${how} at intake by ${fact.actor}: ${fact.reason}`;
    if (outcome === 'overruled') {
      const terms = option.termsVersion ? await TermsRepository.version(tx.manager, option.generation, option.termsVersion) : null;
      const why = `${reason} — not applied: the option was exercised by ${option.decidedBy ?? 'finance'} before the ${how === 'withdrawn' ? 'withdrawal' : 'return'} reached it; the exercise stands and the rack is bought`;
      await recordOverruled(tx, option, terms, { action: 'WITHDRAWAL_OVERRULED', actor: 'intake', at, reason: why });
      return;
    }
    if (outcome === 'moot') {
      this.logger.log(`rack ${fact.rackSerial} ${how} at intake; its option already ended ${option.state}, nothing to end`);
      return;
    }
    const changes: Partial<PurchaseOptionEntity> = {
      decidedBy: 'intake',
      decisionRationale: reason,
      endedAt: at,
      ...clearedRequest(option),
    };
    if (option.termsVersion) {
      const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion);
      await applyTransition(tx, option, terms!, { action: 'withdraw', actor: 'intake', at, reason, changes });
      return;
    }
    await withdrawWithoutTerms(tx, option, reason, at, changes);
  }
}

/** An exercise awaiting approval is cancelled by the withdrawal: its request is cleared with it. */
function clearedRequest(option: PurchaseOptionEntity): Partial<PurchaseOptionEntity> {
  if (option.state !== 'PENDING_APPROVAL') return {};
  return { requestedBy: null, requestedById: null, requestedAt: null, requestRationale: null, requestWaiver: null, requestedFrom: null };
}
