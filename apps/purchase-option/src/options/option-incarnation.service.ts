import { Injectable, Logger } from '@nestjs/common';
import { RackReturnedFromRmaV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { RackRmaRepository } from '../rmas/rack-rma.repository';
import { TermsRepository } from '../terms/terms.repository';
import { applyTransition, auditFact, recordOverruled, reopenWithoutTerms } from './option-transitions';
import { noDecision, PurchaseOptionEntity } from './option.entity';
import { OptionRepository } from './option.repository';
import { returnOutcome } from './option.state-machine';

/** How the option learnt that its unit came back as a later incarnation. */
export interface UnitBack {
  incarnation: number;
  /** Who the audit line names: intake for its return, results when a verdict or re-open told first. */
  actor: string;
  /** intake's return: the RMA and the rack's record as it came back. Absent when results told first. */
  rma?: RackReturnedFromRmaV1;
  /** What told it when results did, e.g. "evaluation PASSED of incarnation 2". */
  told?: string;
}

/** A finance rationale quoted in an audit reason (the event's reason is at most 4,000 characters). */
const QUOTED = 300;

/**
 * A rack shipped under an RMA came back under its serial as its next incarnation (intake:
 * rmas/, RackReturnedFromRma). It is evaluated afresh, so an option that ended without a purchase
 * reopens to PENDING_EVALUATION for that incarnation, under the generation's active terms as a newly
 * opened option would, with its verdict, window and decision cleared; the window starts at the new
 * verdict. `returnOutcome` says what else happens (never a dead letter). results' verdict or re-open
 * of the new incarnation may arrive first (another topic): it reopens the option the same way, and
 * intake's return read afterwards changes nothing but the RMA finance sees.
 */
@Injectable()
export class OptionIncarnationService {
  private readonly logger = new Logger(OptionIncarnationService.name);

  async returnedFromRma(fact: RackReturnedFromRmaV1, tx: Transaction): Promise<void> {
    await OptionRepository.lockRackAndTerms(tx.manager, fact);
    await RackRmaRepository.returned(tx.manager, {
      rackSerial: fact.rackSerial,
      rmaId: fact.rmaId,
      rmaNumber: fact.rmaNumber,
      receivedAt: new Date(fact.receivedAt),
      incarnation: fact.incarnation,
      kind: fact.kind,
    });
    const option = await OptionRepository.find(tx.manager, fact.rackSerial);
    if (!option) {
      // RackReceived precedes it on intake's topic and key; without an option there is nothing to reopen, and nothing to retry.
      this.logger.warn(`rack ${fact.rackSerial} came back from RMA ${fact.rmaNumber} but has no option here; its RMA is recorded`);
      return;
    }
    await this.unitBack(tx, option, { incarnation: fact.incarnation, actor: 'intake', rma: fact });
  }

  /**
   * Applies the unit's return to the option (the caller holds the rack's lock): the option reopened
   * for `back.incarnation`, or null when it stays as it is (an earlier or the same incarnation; an
   * exercise or an option not ended, both recorded in the audit trail).
   */
  async unitBack(tx: Transaction, option: PurchaseOptionEntity, back: UnitBack): Promise<PurchaseOptionEntity | null> {
    const outcome = returnOutcome(option, back.incarnation);
    if (outcome === 'known') return null;
    const at = new Date();
    const what = back.rma
      ? `unit came back ${back.rma.kind} under RMA ${back.rma.rmaNumber} as incarnation ${back.incarnation} (received by ${back.rma.actor})`
      : `${back.told} arrived before intake's return: the unit came back from an RMA as incarnation ${back.incarnation} (RMA not known here yet)`;
    if (outcome === 'overruled') {
      const terms = option.termsVersion ? await TermsRepository.version(tx.manager, option.generation, option.termsVersion) : null;
      await recordOverruled(tx, option, terms, {
        action: 'REOPEN_OVERRULED',
        actor: back.actor,
        at,
        reason: `${what} — not applied: the option was exercised by ${option.decidedBy ?? 'finance'} for incarnation ${option.incarnation}; the purchase stands and the new incarnation's verdicts are not applied`,
      });
      return null;
    }
    if (outcome === 'not-ended') {
      this.logger.warn(
        `rack ${option.rackSerial} came back as incarnation ${back.incarnation} while its option is ${option.state}; left as it is`,
      );
      const terms = option.termsVersion ? await TermsRepository.version(tx.manager, option.generation, option.termsVersion) : null;
      await auditFact(tx, option, terms, {
        action: 'RMA_RETURN_NOT_APPLIED',
        actor: back.actor,
        at,
        from: option.state,
        to: option.state,
        reason: `${what} — not applied: the option of incarnation ${option.incarnation} has not ended (${option.state}); a rack goes on an RMA only once its option ended, so the option is left as it is`,
      });
      return null;
    }
    const terms = await TermsRepository.active(tx.manager, option.generation);
    const rationale = option.decisionRationale ? `: ${option.decisionRationale.slice(0, QUOTED)}` : '';
    const reason =
      `${what}; the option of incarnation ${option.incarnation} had ended ${option.state} by ${option.decidedBy ?? 'unknown'}${rationale} — ` +
      `reopened awaiting the new incarnation's evaluation, ${terms ? `terms version ${terms.version}` : 'awaiting terms'}`;
    const changes: Partial<PurchaseOptionEntity> = {
      ...noDecision(),
      incarnation: back.incarnation,
      termsVersion: terms?.version ?? null,
      ...(back.rma ? recordAsReturned(back.rma) : {}),
    };
    // The earlier incarnation's verdict is history (its audit lines keep it): the next one is the new unit's.
    await OptionRepository.dropEvaluationBefore(tx.manager, option.rackSerial, back.incarnation);
    const command = { actor: back.actor, at, reason, changes };
    return terms ? applyTransition(tx, option, terms, { ...command, action: 'reopen-after-rma' }) : reopenWithoutTerms(tx, option, command);
  }

  /** A fact about an incarnation before the option's: recorded in the audit trail under that incarnation, applied nowhere. */
  async stale(tx: Transaction, option: PurchaseOptionEntity, fact: { incarnation: number; actor: string; what: string }): Promise<void> {
    const terms = option.termsVersion ? await TermsRepository.version(tx.manager, option.generation, option.termsVersion) : null;
    await auditFact(tx, option, terms, {
      action: 'STALE_INCARNATION_IGNORED',
      actor: fact.actor,
      at: new Date(),
      from: option.state,
      to: option.state,
      incarnation: fact.incarnation,
      reason: `${fact.what} arrived after the option moved on to incarnation ${option.incarnation}: recorded, not applied`,
    });
  }
}

/** The rack as it came back: a repair may have changed its BOM, so its cost and domestic content. */
function recordAsReturned(rma: RackReturnedFromRmaV1): Partial<PurchaseOptionEntity> {
  return {
    site: rma.site,
    lot: rma.lot,
    domesticContentPct: rma.domesticContentPct,
    domesticContentTargetPct: rma.domesticContentTargetPct,
    bomCost: rma.bomCost,
    bomCurrency: rma.bomCurrency,
    receivedAt: new Date(rma.receivedAt),
  };
}
