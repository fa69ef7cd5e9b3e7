import type { EventDefinition, RackInspected } from '@rackeval/contracts';

/** Intake's RackInspected payload (inspectionId, outcome, checks and the rack's facts). */
export type RackInspection = typeof RackInspected extends EventDefinition<infer T> ? T : never;

/** A finding an inspection opens; `sourceKey` names the inspection and check so it opens once whatever is redelivered. */
export interface InspectionFinding {
  sourceKey: string;
  inspectionId: string;
  /** The failed check, or null when the inspection failed with no failed check to blame. */
  inspectionCheck: string | null;
  title: string;
}

/** Who opens inspection findings (the finding's openedBy and the history line's actor). */
export const INSPECTION_RULE_ACTOR = 'rule:inspection';

const clip = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The findings an inspection opens: none when it ACCEPTED the rack; when it QUARANTINED or REJECTED
 * it, one per failed check (a check named twice opens once), or one for the inspection itself when
 * no check failed.
 */
export function findingsOfInspection(inspection: Pick<RackInspection, 'inspectionId' | 'outcome' | 'checks'>): InspectionFinding[] {
  if (inspection.outcome === 'ACCEPTED') return [];
  const source = `inspection:${inspection.inspectionId}`;
  const failed = new Map<string, string | undefined>();
  for (const check of inspection.checks) {
    if (!check.passed && !failed.has(check.name)) failed.set(check.name, check.note?.trim() || undefined);
  }
  if (failed.size === 0) {
    return [
      {
        sourceKey: `${source}:outcome`,
        inspectionId: inspection.inspectionId,
        inspectionCheck: null,
        title: clip(
          `inspection: rack ${inspection.outcome === 'REJECTED' ? 'rejected' : 'quarantined'} with no failed check (${inspection.outcome})`,
        ),
      },
    ];
  }
  return [...failed].map(([name, note]) => ({
    sourceKey: `${source}:check:${name}`,
    inspectionId: inspection.inspectionId,
    inspectionCheck: name,
    title: clip(`inspection: ${name} failed (${inspection.outcome})${note ? ` — ${note}` : ''}`),
  }));
}
