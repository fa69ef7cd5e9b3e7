/** What makes two findings "the same problem": the failed criterion, diagnosis or inspection check, the suspected part, and the failure class. */
export interface GroupedFacts {
  criterion?: string | null;
  diagnosis?: string | null;
  /** The failed inspection check of a finding an inspection opened (`inspection` alone: it failed with no failed check). */
  inspectionCheck?: string | null;
  /** Set on findings opened by an inspection. */
  inspection?: boolean;
  partNumber?: string | null;
  failureClass?: string | null;
}

export const UNCLASSIFIED = 'UNCLASSIFIED';

const slug = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '-');

/**
 * The criterion's metric, or the diagnosis verdict or inspection check (case and spacing ignored),
 * or `inspection` for an inspection that failed with no failed check, or `run` for a run that
 * failed as a whole.
 */
export function groupSubjectOf(facts: GroupedFacts): string {
  if (facts.criterion) return `criterion:${facts.criterion}`;
  if (facts.diagnosis) return `diagnosis:${slug(facts.diagnosis)}`;
  if (facts.inspectionCheck) return `inspection:${slug(facts.inspectionCheck)}`;
  if (facts.inspection) return 'inspection';
  return 'run';
}

/** Part numbers as suppliers write them differ in case and spacing: `psu-3kw a` and `PSU-3KW-A` are one part. */
export const normalisePartNumber = (partNumber: string): string =>
  partNumber
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, '-');

/**
 * The grouping key, stored with each finding and recomputed when it is triaged: similar findings
 * share it across racks, lots and generations (a finding not yet triaged groups as UNCLASSIFIED).
 */
export function groupKeyOf(facts: GroupedFacts): string {
  const part = facts.partNumber ? normalisePartNumber(facts.partNumber) : '-';
  return `${groupSubjectOf(facts)}|${part}|${facts.failureClass ?? UNCLASSIFIED}`;
}
