import { Decimal } from '@rackeval/platform';
import { OptionAuditEntity } from '../audit/audit.entity';
import type { CostTargetsEntity } from '../cost-targets/cost-targets.entity';
import { toTermsView } from '../terms/terms.service';
import { OptionTermsEntity } from '../terms/terms.entity';
import type { RackRmaRecord } from '../rmas/rack-rma.repository';
import { TermsBook } from '../terms/terms-status';
import { AuditEntryView, EvaluationEvidence, FigureView, OptionRmaView, OptionView } from './dto/option.view';
import { domesticContentMet, pricePerPerformanceUnit } from './option-figures.rules';
import { daysLeft } from './option-window.rules';
import { OptionValue, valueOf } from './option-value.rules';
import { PurchaseOptionEntity, RackEvaluationEntity, StoredFigure } from './option.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The option as finance sees it: the price beside the evidence, figures as exact decimal strings. */
export function toOptionView(
  option: PurchaseOptionEntity,
  terms: OptionTermsEntity | null,
  evaluation: RackEvaluationEntity | null,
  book: TermsBook,
  now: Date,
  costTargets: CostTargetsEntity | null = null,
  rma: RackRmaRecord | null = null,
): OptionView {
  const measured = evaluation?.performance?.measured ?? null;
  const perUnit = terms ? pricePerPerformanceUnit(terms.unitPrice, measured) : null;
  return {
    rackSerial: option.rackSerial,
    generation: option.generation,
    state: option.state,
    version: option.version,
    incarnation: option.incarnation,
    rma: rma ? toRmaView(rma) : null,
    terms: terms ? toTermsView(terms, book) : null,
    site: option.site,
    receivedAt: option.receivedAt.toISOString(),
    verdictAt: iso(option.verdictAt),
    expiresAt: iso(option.expiresAt),
    daysLeft: option.endedAt ? null : daysLeft(option.expiresAt, now),
    evidence: {
      evaluation: evaluation ? toEvaluationEvidence(evaluation) : null,
      domesticContent: {
        pct: option.domesticContentPct,
        targetPct: option.domesticContentTargetPct,
        met: domesticContentMet(option.domesticContentPct, option.domesticContentTargetPct),
      },
      pricePerPerformanceUnit: perUnit,
      pricePerPerformanceUnitOf: perUnit && terms ? `${terms.currency.trim()} per ${evaluation!.performance!.unit}` : null,
      waiver: option.waiver ?? option.requestWaiver,
      intakeRejection: option.intakeRejectedAt
        ? { reason: option.intakeRejectionReason!, at: option.intakeRejectedAt.toISOString() }
        : null,
      value: optionValue(option, terms, evaluation, costTargets),
    },
    pendingRequest: option.requestedBy
      ? {
          requestedBy: option.requestedBy,
          requestedAt: option.requestedAt!.toISOString(),
          rationale: option.requestRationale!,
          waiver: option.requestWaiver,
        }
      : null,
    lastRejection: option.lastRejectionBy
      ? { rejectedBy: option.lastRejectionBy, rejectedAt: option.lastRejectionAt!.toISOString(), note: option.lastRejectionNote! }
      : null,
    outcome: option.endedAt
      ? {
          decidedBy: option.decidedBy!,
          approvedBy: option.approvedBy,
          rationale: option.decisionRationale!,
          endedAt: option.endedAt.toISOString(),
        }
      : null,
  };
}

/** The value section (see option-value.rules.ts): the terms price, the evaluation's figures and intake's BOM cost against the active cost targets. */
export function optionValue(
  option: PurchaseOptionEntity,
  terms: OptionTermsEntity | null,
  evaluation: RackEvaluationEntity | null,
  costTargets: CostTargetsEntity | null,
): OptionValue {
  return valueOf({
    price: terms ? { amount: terms.unitPrice, currency: terms.currency } : null,
    evaluation: evaluation ? { performance: evaluation.performance, performanceRunPower: evaluation.performanceRunPower ?? null } : null,
    bom: { cost: option.bomCost, currency: option.bomCurrency },
    domesticContent: { pct: option.domesticContentPct, targetPct: option.domesticContentTargetPct },
    targets: costTargets,
  });
}

function toEvaluationEvidence(evaluation: RackEvaluationEntity): EvaluationEvidence {
  return {
    outcome: evaluation.outcome,
    criteriaMet: evaluation.criteriaMet,
    criteriaTotal: evaluation.criteriaTotal,
    performance: figure(evaluation.performance, 'higher'),
    power: figure(evaluation.power, 'lower'),
    performancePerWatt: figure(evaluation.performancePerWatt, 'higher'),
    performanceRunPower: figure(evaluation.performanceRunPower ?? null, 'lower'),
    failedSuites: evaluation.failedSuites,
    concludedAt: evaluation.concludedAt.toISOString(),
  };
}

function figure(stored: StoredFigure | null, better: 'higher' | 'lower'): FigureView | null {
  if (!stored) return null;
  let meetsTarget: boolean | null = null;
  if (stored.measured != null && stored.target != null) {
    const comparison = Decimal.parse(stored.measured).compare(Decimal.parse(stored.target));
    meetsTarget = better === 'higher' ? comparison >= 0 : comparison <= 0;
  }
  return {
    metric: stored.metric,
    unit: stored.unit,
    measured: stored.measured,
    target: stored.target,
    meetsTarget,
    suite: stored.suite ?? null,
    note: stored.note ?? null,
  };
}

function toRmaView(rma: RackRmaRecord): OptionRmaView {
  return {
    rmaId: rma.rmaId,
    rmaNumber: rma.rmaNumber,
    shippedAt: rma.shippedAt,
    receivedAt: rma.receivedAt,
    incarnationAfter: rma.incarnationAfter,
    returnKind: rma.returnKind,
    replacedBy: rma.replacedBy,
  };
}

export function toAuditView(entry: OptionAuditEntity): AuditEntryView {
  return {
    id: String(entry.id),
    rackSerial: entry.rackSerial,
    action: entry.action,
    actor: entry.actor,
    occurredAt: entry.occurredAt.toISOString(),
    fromState: entry.fromState,
    toState: entry.toState,
    reason: entry.reason,
    waiver: entry.waiver,
    termsVersion: entry.termsVersion,
    unitPrice: entry.unitPrice,
    currency: entry.currency,
    incarnation: entry.incarnation,
  };
}
