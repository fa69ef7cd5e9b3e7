import type { FindingState, RmaReturnKind } from '@rackeval/contracts';
import type { FindingRma } from './finding.model';

/** What an RMA's shipment does to a finding it lists. */
export type RmaShipmentStep =
  | { kind: 'report'; note: string }
  | { kind: 'link'; note: string }
  /** Already linked to this RMA (the shipment read again): nothing. */
  | { kind: 'none' };

/**
 * Intake shipped an RMA listing the finding: a TRIAGED finding is reported to the manufacturer on
 * it; a finding in any other state is only linked to it (its state is someone's decision, or
 * already past the report), with a line in its history saying so. A finding already on this RMA
 * is left as it is.
 */
export function rmaShipmentStep(finding: { state: FindingState; rmaId: string | null }, rma: FindingRma): RmaShipmentStep {
  if (finding.rmaId === rma.rmaId) return { kind: 'none' };
  if (finding.state === 'TRIAGED') return { kind: 'report', note: `reported to the manufacturer on RMA ${rma.rmaNumber}` };
  return {
    kind: 'link',
    note: `on RMA ${rma.rmaNumber}, shipped to the manufacturer; the finding stays ${finding.state}`,
  };
}

/** The fix a returned unit proposes for the findings still reported on its RMA (the propose-fix note). */
export function fixOfReturn(returned: { kind: RmaReturnKind; rmaNumber: string; incarnation: number }): string {
  return `unit returned ${returned.kind.toLowerCase()} under RMA ${returned.rmaNumber} (incarnation ${returned.incarnation})`;
}
