import { Injectable, Logger } from '@nestjs/common';
import { FigureV1, RackEvaluationCompletedV1, RackReasonedFactV1, RackReceivedV1 } from '@rackeval/contracts';
import { Transaction, UnprocessableEventError } from '@rackeval/messaging';
import { RackRmaRepository } from '../rmas/rack-rma.repository';
import { OptionTermsEntity } from '../terms/terms.entity';
import { TermsRepository } from '../terms/terms.repository';
import { applyTransition, auditFact, saveUnlessChanged } from './option-transitions';
import { decimalFromNumber } from './option-figures.rules';
import { OptionIncarnationService } from './option-incarnation.service';
import { expiryOf } from './option-window.rules';
import { incarnationOf, incarnationOrder } from './incarnation.rules';
import { noDecision, PurchaseOptionEntity, RackEvaluationEntity, StoredFigure } from './option.entity';
import { OptionRepository } from './option.repository';

/**
 * Opens options from intake's receipts and applies results' verdicts. The two arrive on different
 * topics in any order: an evaluation for an unknown rack is kept and applied when the option opens;
 * an option whose generation has no terms yet waits in PENDING_EVALUATION and takes the first
 * version approved (a price is needed before anything can be exercised).
 */
@Injectable()
export class OptionLifecycleService {
  private readonly logger = new Logger(OptionLifecycleService.name);

  constructor(private readonly incarnations: OptionIncarnationService) {}

  async open(rack: RackReceivedV1, tx: Transaction): Promise<void> {
    await OptionRepository.lockRackAndTerms(tx.manager, rack);
    // The manufacturer sent this unit in place of another rack's: that rack's RMA is settled.
    if (rack.replacesSerial) await RackRmaRepository.replaced(tx.manager, rack.replacesSerial, rack.rackSerial, new Date(rack.occurredAt));
    // A verdict read before the receipt may already be about a later incarnation: the option starts there.
    const { opened, evaluation, activeTermsVersion } = await OptionRepository.opening(tx.manager, rack);
    if (opened) {
      this.logger.warn(`rack ${rack.rackSerial} was received again; its option is already open`);
      return;
    }
    const terms = activeTermsVersion === null ? null : await TermsRepository.version(tx.manager, rack.generation, activeTermsVersion);
    const now = new Date();
    const option: PurchaseOptionEntity = {
      ...noDecision(),
      rackSerial: rack.rackSerial,
      generation: rack.generation,
      state: 'PENDING_EVALUATION',
      incarnation: evaluation?.incarnation ?? 1,
      termsVersion: terms?.version ?? null,
      deliveryReference: rack.deliveryReference,
      site: rack.site,
      lot: rack.lot,
      domesticContentPct: rack.domesticContentPct,
      domesticContentTargetPct: rack.domesticContentTargetPct,
      bomCost: rack.bomCost,
      bomCurrency: rack.bomCurrency,
      receivedAt: new Date(rack.occurredAt),
      openedAt: now,
      version: 1,
      updatedAt: now,
    };
    await OptionRepository.insert(tx.manager, option);
    await auditFact(tx, option, terms, {
      action: 'OPENED',
      actor: rack.actor,
      at: now,
      from: null,
      to: 'PENDING_EVALUATION',
      reason: `rack received in delivery ${rack.deliveryReference}; ${terms ? `terms version ${terms.version}` : 'awaiting terms'}`,
    });
    if (terms && evaluation) await this.applyVerdict(tx, option, terms, evaluation);
  }

  /**
   * results' verdict (results: evaluations/evaluations.service.ts); intake moves the rack on it (intake:
   * racks/lifecycle/lifecycle.rules.ts). A verdict about an earlier incarnation than the option's is
   * history (audited, not applied); one about a later incarnation means the unit came back before
   * intake's return was read here: the option reopens for it first, then the verdict applies.
   */
  async recordEvaluation(summary: RackEvaluationCompletedV1, eventId: string, tx: Transaction): Promise<void> {
    await OptionRepository.lockRackAndTerms(tx.manager, summary);
    const incarnation = incarnationOf(summary);
    let option = await OptionRepository.find(tx.manager, summary.rackSerial);
    const told = `evaluation ${summary.outcome} of incarnation ${incarnation} (concluded at ${summary.occurredAt})`;
    const order = option ? incarnationOrder(incarnation, option.incarnation) : 'current';
    if (option && order === 'older') return this.incarnations.stale(tx, option, { incarnation, actor: 'results', what: told });
    if (option && order === 'newer') {
      option = await this.incarnations.unitBack(tx, option, { incarnation, actor: 'results', told });
      if (!option) return; // exercised, or not ended: audited, the verdict is not applied
    }
    const evaluation: RackEvaluationEntity = {
      rackSerial: summary.rackSerial,
      generation: summary.generation,
      outcome: summary.outcome,
      criteriaMet: summary.criteriaMet,
      criteriaTotal: summary.criteriaTotal,
      performance: storedFigure(summary.performance),
      power: storedFigure(summary.power),
      performancePerWatt: storedFigure(summary.performancePerWatt),
      performanceRunPower: storedFigure(summary.performanceRunPower),
      failedSuites: summary.failedSuites,
      concludedAt: new Date(summary.occurredAt),
      eventId,
      incarnation,
    };
    // Usually the rack has no evaluation yet: kept in one statement. Otherwise the one it has decides.
    if (!(await OptionRepository.addEvaluationUnlessKept(tx.manager, evaluation))) {
      const kept = (await OptionRepository.evaluation(tx.manager, summary.rackSerial))!;
      if (kept.incarnation >= incarnation) {
        // An evaluation concludes once per incarnation; a second, different one must not overwrite the verdict.
        this.logger.warn(
          `rack ${summary.rackSerial} already has an evaluation of incarnation ${kept.incarnation}; event ${eventId} ignored`,
        );
        return;
      }
      // Kept for a rack not known here yet, about an earlier incarnation: the later verdict replaces it.
      await OptionRepository.dropEvaluationBefore(tx.manager, summary.rackSerial, incarnation);
      await OptionRepository.addEvaluation(tx.manager, evaluation);
    }
    if (!option?.termsVersion) return;
    const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion);
    await this.applyVerdict(tx, option, terms!, evaluation);
  }

  /**
   * Intake rejected the rack: no evaluation will come, so the rejection is the verdict (NOT_EXERCISABLE,
   * window from the rejection). Without terms yet it is kept on the option and applied when they arrive.
   */
  async rejectAtIntake(rejection: RackReasonedFactV1, tx: Transaction): Promise<void> {
    await OptionRepository.lockRackAndTerms(tx.manager, rejection);
    const option = await OptionRepository.find(tx.manager, rejection.rackSerial);
    // RackReceived and RackRejected come from intake on one topic and one key, so the receipt is
    // always consumed first; no option here means a misrouted message, made visible as a dead letter.
    if (!option) throw new UnprocessableEventError(`rack ${rejection.rackSerial} was rejected at intake but never received here`);
    if (option.intakeRejectedAt) return; // the same rejection again changes nothing
    if (option.state !== 'PENDING_EVALUATION') {
      this.logger.warn(`rack ${rejection.rackSerial} rejected at intake while its option is ${option.state}; ignored`);
      return;
    }
    const recorded = { intakeRejectionReason: rejection.reason, intakeRejectedAt: new Date(rejection.occurredAt) };
    if (option.termsVersion) {
      const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion);
      await this.applyRejection(tx, { ...option, ...recorded }, terms!, rejection.actor);
      return;
    }
    await saveUnlessChanged(tx, option, { ...recorded, version: option.version + 1, updatedAt: new Date() }, 'its rejection was recorded');
  }

  /** Called when terms are approved: options waiting for their generation's first active terms take this version. */
  async attachTerms(tx: Transaction, terms: OptionTermsEntity): Promise<number> {
    const waiting = await OptionRepository.awaitingTerms(tx.manager, terms.generation);
    for (const option of waiting) {
      const attached = { ...option, termsVersion: terms.version, version: option.version + 1, updatedAt: new Date() };
      const changes = { termsVersion: attached.termsVersion, version: attached.version, updatedAt: attached.updatedAt };
      await saveUnlessChanged(tx, option, changes, 'terms were attached; approve again');
      // An option that ended before its terms (withdrawn or returned at intake) only records them.
      if (attached.state !== 'PENDING_EVALUATION') continue;
      const evaluation = await OptionRepository.evaluation(tx.manager, option.rackSerial);
      if (attached.intakeRejectedAt) await this.applyRejection(tx, attached, terms, 'intake');
      else if (evaluation) await this.applyVerdict(tx, attached, terms, evaluation);
    }
    return waiting.length;
  }

  /** `option` carries the rejection (recorded earlier, or being recorded now: written with the transition); its reason and time are the verdict. */
  private async applyRejection(tx: Transaction, option: PurchaseOptionEntity, terms: OptionTermsEntity, actor: string) {
    const verdictAt = option.intakeRejectedAt!;
    const { intakeRejectionReason, intakeRejectedAt } = option;
    await applyTransition(tx, option, terms, {
      action: 'rejected-at-intake',
      actor,
      at: new Date(),
      reason: `rejected at intake: ${option.intakeRejectionReason}`,
      changes: { intakeRejectionReason, intakeRejectedAt, verdictAt, expiresAt: expiryOf(verdictAt, terms.windowDays) },
    });
  }

  private async applyVerdict(tx: Transaction, option: PurchaseOptionEntity, terms: OptionTermsEntity, evaluation: RackEvaluationEntity) {
    if (option.state !== 'PENDING_EVALUATION') return;
    const verdictAt = evaluation.concludedAt;
    const expiresAt = expiryOf(verdictAt, terms.windowDays);
    const passed = evaluation.outcome === 'PASSED';
    await applyTransition(tx, option, terms, {
      action: passed ? 'evaluation-passed' : 'evaluation-failed',
      actor: 'results',
      at: new Date(),
      reason:
        `evaluation ${evaluation.outcome} at ${verdictAt.toISOString()} (${evaluation.criteriaMet}/${evaluation.criteriaTotal} criteria met); ` +
        `window of ${terms.windowDays} days closes ${expiresAt.toISOString()}`,
      changes: { verdictAt, expiresAt },
    });
  }
}

function storedFigure(figure: FigureV1 | undefined): StoredFigure | null {
  if (!figure) return null;
  return {
    metric: figure.metric,
    unit: figure.unit,
    measured: figure.measured == null ? null : decimalFromNumber(figure.measured),
    target: figure.target == null ? null : decimalFromNumber(figure.target),
    ...(figure.suite ? { suite: figure.suite } : {}),
    ...(figure.note ? { note: figure.note } : {}),
  };
}
