import type { FindingAction, FindingState, ManufacturerFeedType } from '@rackeval/contracts';

/** A finding's change as its history line records it. */
export interface FindingChangeLine {
  action: string;
  fromState: FindingState | null;
}

const FEED_TYPE_OF: Partial<Record<FindingAction, ManufacturerFeedType>> = {
  report: 'finding.reported',
  'propose-fix': 'finding.fix-proposed',
  'reject-fix': 'finding.fix-rejected',
  verify: 'finding.verified',
  'wont-fix': 'finding.wont-fix',
};

/** The states in which the manufacturer knows of a finding (reported, and not yet closed). */
const TOLD_OF: readonly FindingState[] = ['REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED'];

/**
 * Which changes of a finding reach the manufacturer: its report, and after it a fix proposed,
 * rejected or verified, or a won't-fix. A won't-fix of a finding never reported, a triage, a note,
 * an attachment or an RMA link stays with the team (null).
 */
export function feedTypeOf(change: FindingChangeLine): ManufacturerFeedType | null {
  const type = FEED_TYPE_OF[change.action as FindingAction] ?? null;
  if (type === 'finding.wont-fix' && !(change.fromState && TOLD_OF.includes(change.fromState))) return null;
  return type;
}
