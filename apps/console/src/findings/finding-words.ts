import type { FindingAction, FindingState } from '../api';

export const STATE_LABELS: Record<FindingState, string> = {
  OPEN: 'Open',
  TRIAGED: 'Triaged',
  REPORTED_TO_MANUFACTURER: 'Reported to manufacturer',
  FIX_PROPOSED: 'Fix proposed',
  VERIFIED: 'Verified',
  WONT_FIX: "Won't fix",
};

export const ACTION_LABELS: Record<FindingAction, string> = {
  triage: 'Triage',
  report: 'Report to manufacturer',
  'propose-fix': 'Record proposed fix',
  'reject-fix': 'Reject fix',
  verify: 'Verify fix',
  'wont-fix': "Close: won't fix",
};

/** HARDWARE_DEFECT → Hardware defect; findings not yet triaged have no class. */
export const classLabel = (failureClass: string | null): string =>
  failureClass ? failureClass.charAt(0) + failureClass.slice(1).toLowerCase().replace(/_/g, ' ') : 'Unclassified';

export const UNCLASSIFIED = '';

/** Findings counted by failure class (rows) and state (columns); unclassified findings have their own row. */
export function countByClassAndState(findings: Array<{ failureClass: string | null; state: FindingState }>, classes: readonly string[]) {
  const rows = [UNCLASSIFIED, ...classes];
  const counts = new Map<string, number>();
  for (const f of findings)
    counts.set(`${f.failureClass ?? UNCLASSIFIED}|${f.state}`, (counts.get(`${f.failureClass ?? UNCLASSIFIED}|${f.state}`) ?? 0) + 1);
  return { rows, count: (failureClass: string, state: FindingState) => counts.get(`${failureClass}|${state}`) ?? 0 };
}

/** A group of similar findings in words: what failed, on which part, of which class (as GET /v1/findings/groups keys them). */
export const groupLabel = (group: {
  criterion: string | null;
  diagnosis: string | null;
  partNumber: string | null;
  failureClass: string | null;
}): string =>
  `${group.criterion ?? group.diagnosis ?? 'failed run'} on ${group.partNumber ?? 'no part named'} (${classLabel(group.failureClass)})`;
