import { OptionState } from '@rackeval/contracts';
import type { Actor } from '../identity/actor';
import { exceedsThreshold } from './four-eyes.rules';
import type { OptionValue } from '../options/option-value.rules';
import { OptionAction } from '../options/option.state-machine';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';

export interface ExerciseContext {
  state: OptionState;
  unitPrice: string;
  approvalThreshold: string;
  waiver?: string;
  /** Set when intake rejected the rack: no waiver makes it exercisable. */
  rejectedAtIntake?: { rackSerial: string; reason: string } | null;
  /** The value section's verdict against the active cost targets (absent or NO_TARGETS: nothing to judge). */
  cost?: Pick<OptionValue, 'status' | 'costVerdict' | 'missedTargets' | 'unjudgedTargets'>;
}

/** Why exercising a rack that passed its evaluation still needs a waiver: it misses (or cannot be shown to meet) its cost targets. */
export function costShortfall(cost: ExerciseContext['cost']): string | null {
  if (!cost || cost.status === 'NO_TARGETS') return null;
  if (cost.costVerdict === 'MISSES') return `it misses its cost targets (${cost.missedTargets.join(', ')})`;
  if (cost.costVerdict === null)
    return `its cost targets cannot all be checked (${cost.unjudgedTargets.map((u) => `${u.target}: ${u.reason}`).join('; ')})`;
  return null;
}

/**
 * What an EXERCISE request does: exercise at once, or wait for a second finance user when the
 * unit price is above the approval threshold. A failed rack, or one that passed but misses its cost
 * targets (cost verdict MISSES, or not judged for a missing fact), is exercised only under a written
 * waiver; a rack rejected at intake never is.
 */
export function exerciseAction(context: ExerciseContext): Extract<OptionAction, 'exercise' | 'request-approval'> {
  if (context.rejectedAtIntake) {
    const { rackSerial, reason } = context.rejectedAtIntake;
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.RACK_REJECTED_AT_INTAKE,
      `rack ${rackSerial} was rejected at intake (${reason}); its option can only be declined or left to lapse`,
      [{ field: 'decision', message: 'EXERCISE is not allowed for a rack rejected at intake' }],
    );
  }
  const waiver = context.waiver?.trim();
  if (context.state === 'NOT_EXERCISABLE' && !waiver) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.WAIVER_REQUIRED,
      'the rack failed its evaluation (NOT_EXERCISABLE); exercising it requires a written waiver with the reason',
      [{ field: 'waiver', message: 'required to exercise a NOT_EXERCISABLE option' }],
    );
  }
  const shortfall = context.state === 'EXERCISABLE' ? costShortfall(context.cost) : null;
  if (shortfall && !waiver) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.WAIVER_REQUIRED,
      `cost rule: the rack passed its evaluation but ${shortfall}; exercising it requires a written waiver with the reason`,
      [{ field: 'waiver', message: `required to exercise an option whose cost verdict is ${context.cost?.costVerdict ?? 'not judged'}` }],
    );
  }
  if (context.state === 'EXERCISABLE' && waiver && !shortfall) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.WAIVER_NOT_APPLICABLE,
      'a waiver applies only to a rack that failed its evaluation (NOT_EXERCISABLE) or misses its cost targets; this option is EXERCISABLE and meets them',
      [{ field: 'waiver', message: 'only for a NOT_EXERCISABLE option or one that misses its cost targets' }],
    );
  }
  return exceedsThreshold(context.unitPrice, context.approvalThreshold) ? 'request-approval' : 'exercise';
}

/**
 * Four-eyes: the finance user who asked for an exercise above the threshold never approves or
 * rejects it. People are compared by issuer + subject; a request recorded before identities were
 * kept falls back to its username.
 */
export function assertFourEyes(request: { requestedBy: string | null; requestedById: string | null }, reviewer: Actor): void {
  const same = request.requestedById ? request.requestedById === reviewer.id : request.requestedBy === reviewer.name;
  if (same) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.FOUR_EYES_RULE,
      `four-eyes rule: ${reviewer.name} requested this exercise and cannot review it; a second finance user must approve or reject`,
      [{ field: 'approver', message: 'must differ from the requester' }],
    );
  }
}

/** Decisions are taken inside the window; once it has closed the option only lapses (at the next sweep). */
export function assertWindowOpen(expiresAt: Date | null, now: Date): void {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.OPTION_WINDOW_CLOSED,
      `the option window closed at ${expiresAt.toISOString()}; the option lapses at the next expiry sweep`,
      [{ field: 'expiresAt', message: 'window closed' }],
    );
  }
}
