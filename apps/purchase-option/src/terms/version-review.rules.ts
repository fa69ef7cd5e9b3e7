import type { Actor } from '../identity/actor';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import type { TermsStatus } from './terms-status';

/** A proposed version under review: option terms (reviewed as "it") or cost targets (as "them"). */
export interface ReviewedVersion {
  kind: 'terms' | 'cost targets';
  generation: string;
  version: number;
  proposedById: string | null;
}

/** Four eyes on terms and cost targets alike: only a PROPOSED version is reviewed, and never by the user who proposed it. */
export function assertReviewable(reviewed: ReviewedVersion, status: TermsStatus, actor: Actor): void {
  const { kind, generation, version } = reviewed;
  if (status !== 'PROPOSED') {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.ILLEGAL_TRANSITION,
      `${kind} version ${version} of ${generation} is ${status}; only a PROPOSED version can be approved or rejected`,
      [{ field: 'version', message: `is ${status}` }],
    );
  }
  if (reviewed.proposedById === actor.id) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.FOUR_EYES_RULE,
      `four-eyes rule: ${actor.name} proposed ${kind} version ${version} of ${generation} and cannot review ${kind === 'terms' ? 'it' : 'them'}; another finance or admin user must`,
      [{ field: 'approver', message: 'must differ from the proposer' }],
    );
  }
}

/** The review row recording `actor`'s decision on the version, now. */
export function reviewOf(reviewed: ReviewedVersion, decision: { approve: boolean; note: string }, actor: Actor) {
  return {
    generation: reviewed.generation,
    version: reviewed.version,
    approved: decision.approve,
    reviewedBy: actor.name,
    reviewedById: actor.id,
    note: decision.note,
    reviewedAt: new Date(),
  };
}
