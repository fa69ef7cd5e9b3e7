import { Injectable } from '@nestjs/common';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { Actor } from '../identity/actor';
import { CostTargetsRepository } from '../cost-targets/cost-targets.repository';
import { optionValue } from '../options/option-view.mapper';
import { OptionsQueryService } from '../options/options-query.service';
import { applyTransition, TransitionCommand } from '../options/option-transitions';
import { PurchaseOptionEntity } from '../options/option.entity';
import { OptionRepository } from '../options/option.repository';
import { OptionStateMachine } from '../options/option.state-machine';
import { OptionDetailView } from '../options/dto/option.view';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { OptionTermsEntity } from '../terms/terms.entity';
import { TermsRepository } from '../terms/terms.repository';
import { countDecision, DecisionOutcome } from './decision-metrics';
import { assertFourEyes, assertWindowOpen, costShortfall, exerciseAction } from './decision.rules';
import { ApprovalDto, DecisionDto } from './dto/decision.dto';

/** One decision being taken: the locked option and its terms, the request and who makes it, at one instant. */
interface Deciding<Body = DecisionDto> {
  tx: Transaction;
  option: PurchaseOptionEntity;
  terms: OptionTermsEntity;
  body: Body;
  actor: Actor;
  now: Date;
}

/** Finance decisions: exercise (perhaps via a second approver) or decline; each ends the option at most once. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly query: OptionsQueryService,
  ) {}

  async decide(rackSerial: string, body: DecisionDto, actor: Actor): Promise<OptionDetailView> {
    let outcome: DecisionOutcome | undefined;
    const detail = await this.unitOfWork.runOnce(async (tx) => {
      const deciding: Deciding = { tx, ...(await load(tx, rackSerial)), body, actor, now: new Date() };
      outcome = body.decision === 'DECLINE' ? await this.decline(deciding) : await this.exercise(deciding);
      return this.query.detail(rackSerial, tx.manager);
    });
    countDecision(outcome);
    return detail;
  }

  async review(rackSerial: string, body: ApprovalDto, actor: Actor): Promise<OptionDetailView> {
    let outcome: DecisionOutcome | undefined;
    const detail = await this.unitOfWork.runOnce(async (tx) => {
      const deciding: Deciding<ApprovalDto> = { tx, ...(await load(tx, rackSerial)), body, actor, now: new Date() };
      const { option, now } = deciding;
      OptionStateMachine.transition(option.state, body.approve ? 'approve' : 'reject', option.requestedFrom ?? 'EXERCISABLE');
      assertFourEyes(option, actor);
      if (body.approve) {
        assertWindowOpen(option.expiresAt, now);
        await apply(deciding, {
          action: 'approve',
          reason: body.note,
          changes: {
            decidedBy: option.requestedBy,
            decidedById: option.requestedById,
            approvedBy: actor.name,
            approvedById: actor.id,
            decisionRationale: option.requestRationale,
            waiver: option.requestWaiver,
            endedAt: now,
          },
        });
      } else {
        await apply(deciding, {
          action: 'reject',
          reason: body.note,
          changes: {
            ...clearedRequest(),
            lastRejectionBy: actor.name,
            lastRejectionById: actor.id,
            lastRejectionAt: now,
            lastRejectionNote: body.note,
          },
        });
      }
      outcome = body.approve ? 'approved' : 'rejected';
      return this.query.detail(rackSerial, tx.manager);
    });
    countDecision(outcome);
    return detail;
  }

  private async exercise(deciding: Deciding): Promise<DecisionOutcome> {
    const { tx, option, terms, body, actor, now } = deciding;
    OptionStateMachine.transition(option.state, 'exercise');
    assertWindowOpen(option.expiresAt, now);
    const { unitPrice, approvalThreshold } = terms;
    const rejectedAtIntake = option.intakeRejectionReason ? { rackSerial: option.rackSerial, reason: option.intakeRejectionReason } : null;
    const cost = await this.costOf(tx, option, terms);
    const action = exerciseAction({ state: option.state, unitPrice, approvalThreshold, waiver: body.waiver, rejectedAtIntake, cost });
    const waiver = body.waiver?.trim() || undefined;
    const changes: Partial<PurchaseOptionEntity> =
      action === 'exercise'
        ? { decidedBy: actor.name, decidedById: actor.id, decisionRationale: body.rationale, waiver: waiver ?? null, endedAt: now }
        : {
            requestedBy: actor.name,
            requestedById: actor.id,
            requestedAt: now,
            requestRationale: body.rationale,
            requestWaiver: waiver ?? null,
            requestedFrom: option.state,
          };
    const above = `unit price ${unitPrice} ${terms.currency.trim()} is above the approval threshold ${approvalThreshold}`;
    const shortfall = costShortfall(cost);
    const costNote = shortfall ? ` [cost targets v${cost.costTargetsVersion}: ${shortfall}; waived]` : '';
    const reason = (action === 'exercise' ? body.rationale : `${body.rationale} (${above}; a second finance user must approve)`) + costNote;
    await apply(deciding, { action, reason, changes, waiver });
    return action === 'exercise' ? 'exercised' : 'approval-requested';
  }

  /** The option's value against the generation's active cost targets, as the option page shows it. */
  private async costOf(tx: Transaction, option: PurchaseOptionEntity, terms: OptionTermsEntity) {
    const targets = (await CostTargetsRepository.active(tx.manager, [option.generation])).get(option.generation) ?? null;
    return optionValue(option, terms, await OptionRepository.evaluation(tx.manager, option.rackSerial), targets);
  }

  private async decline(deciding: Deciding): Promise<DecisionOutcome> {
    const { option, body, actor, now } = deciding;
    OptionStateMachine.transition(option.state, 'decline');
    if (body.waiver) {
      throw new PurchaseOptionError(
        PurchaseOptionErrorCode.WAIVER_NOT_APPLICABLE,
        'a waiver applies only to exercising a failed rack, not to a decline',
        [{ field: 'waiver', message: 'only with decision EXERCISE' }],
      );
    }
    assertWindowOpen(option.expiresAt, now);
    await apply(deciding, {
      action: 'decline',
      reason: body.rationale,
      changes: { decidedBy: actor.name, decidedById: actor.id, decisionRationale: body.rationale, endedAt: now },
    });
    return 'declined';
  }
}

async function load(tx: Transaction, rackSerial: string): Promise<{ option: PurchaseOptionEntity; terms: OptionTermsEntity }> {
  // The rack's lock, as intake's withdrawal and results' re-open take it: a decision and a fact
  // crossing it apply one after the other, so the second sees the first (option.state-machine.ts
  // `withdrawalOutcome`), instead of losing a version race.
  await OptionRepository.lockRack(tx.manager, rackSerial);
  const option = await OptionRepository.find(tx.manager, rackSerial);
  if (!option) {
    throw new PurchaseOptionError(PurchaseOptionErrorCode.UNKNOWN_OPTION, `no purchase option for rack ${rackSerial}`, [
      { field: 'rackSerial', message: 'unknown rack' },
    ]);
  }
  if (!option.termsVersion) {
    // Without terms an option stays PENDING_EVALUATION (or ended at intake): nothing has a price to decide on.
    if (OptionStateMachine.isEnded(option.state)) OptionStateMachine.transition(option.state, 'decline');
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.ILLEGAL_TRANSITION,
      `option ${rackSerial} has no terms yet: generation ${option.generation} has no active terms, so there is no price to exercise or decline`,
      [{ field: 'termsVersion', message: 'no active terms' }],
    );
  }
  const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion!);
  return { option, terms: terms! };
}

/** Applies the decision's transition (option-transitions.ts) as the person deciding, at the decision's instant. */
function apply<Body>({ tx, option, terms, actor, now }: Deciding<Body>, command: Omit<TransitionCommand, 'actor' | 'actorId' | 'at'>) {
  return applyTransition(tx, option, terms, { ...command, actor: actor.name, actorId: actor.id, at: now });
}

function clearedRequest(): Partial<PurchaseOptionEntity> {
  return { requestedBy: null, requestedById: null, requestedAt: null, requestRationale: null, requestWaiver: null, requestedFrom: null };
}
