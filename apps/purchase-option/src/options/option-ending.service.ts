import { Injectable, Logger } from '@nestjs/common';
import { RackReasonedFactV1 } from '@rackeval/contracts';
import { Transaction, UnprocessableEventError } from '@rackeval/messaging';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { TermsRepository } from '../terms/terms.repository';
import { applyTransition, auditEntry } from './option-transitions';
import { PurchaseOptionEntity } from './option.entity';
import { OptionRepository } from './option.repository';
import { OptionStateMachine } from './option.state-machine';

export type IntakeEnding = 'withdrawn' | 'returned';

/**
 * Intake withdrew or returned the rack (intake: racks/holds/; it refuses a return while the option
 * can still be exercised): the option ends WITHDRAWN in a checked transition. An option that has
 * already ended stays as it is — a no-op, not a dead letter; the rack was going back anyway or,
 * if exercised, intake's lifecycle holds the contradiction.
 */
@Injectable()
export class OptionEndingService {
  private readonly logger = new Logger(OptionEndingService.name);

  async endByIntake(fact: RackReasonedFactV1, how: IntakeEnding, tx: Transaction): Promise<void> {
    await OptionRepository.lockRack(tx.manager, fact.rackSerial);
    const option = await OptionRepository.find(tx.manager, fact.rackSerial);
    // RackReceived precedes every other event of the rack on intake's topic: no option means a misrouted message.
    if (!option) throw new UnprocessableEventError(`rack ${fact.rackSerial} was ${how} at intake but never received here`);
    if (!OptionStateMachine.canTransition(option.state, 'withdraw')) {
      this.logger.log(`rack ${fact.rackSerial} ${how} at intake; its option already ended ${option.state}, nothing to end`);
      return;
    }
    const at = new Date();
    const reason = `rack ${how} at intake by ${fact.actor}: ${fact.reason}`;
    const changes: Partial<PurchaseOptionEntity> = { decidedBy: 'intake', decisionRationale: reason, endedAt: at, ...clearedRequest(option) };
    if (option.termsVersion) {
      const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion);
      await applyTransition(tx, option, terms!, { action: 'withdraw', actor: 'intake', at, reason, changes });
      return;
    }
    await this.endWithoutTerms(tx, option, reason, at, changes);
  }

  /** No terms yet means no price to put on an event: the option ends here, audited, and nobody else needs to hear. */
  private async endWithoutTerms(tx: Transaction, option: PurchaseOptionEntity, reason: string, at: Date, changes: Partial<PurchaseOptionEntity>) {
    const to = OptionStateMachine.transition(option.state, 'withdraw');
    const result = await tx.manager.update(PurchaseOptionEntity, { rackSerial: option.rackSerial, version: option.version }, {
      ...changes,
      state: to,
      version: option.version + 1,
      updatedAt: at,
    });
    if (result.affected !== 1) {
      throw new PurchaseOptionError(PurchaseOptionErrorCode.CONCURRENT_UPDATE, `option ${option.rackSerial} changed while intake's withdrawal was applied`);
    }
    await auditEntry(tx, {
      rackSerial: option.rackSerial,
      action: 'WITHDRAWN',
      actor: 'intake',
      actorId: null,
      occurredAt: at,
      fromState: option.state,
      toState: to,
      reason,
      waiver: null,
      termsVersion: null,
      unitPrice: null,
      currency: null,
    });
  }
}

/** An exercise awaiting approval is cancelled by the withdrawal: its request is cleared with it. */
function clearedRequest(option: PurchaseOptionEntity): Partial<PurchaseOptionEntity> {
  if (option.state !== 'PENDING_APPROVAL') return {};
  return { requestedBy: null, requestedById: null, requestedAt: null, requestRationale: null, requestWaiver: null, requestedFrom: null };
}
