import type { FindingOrigin, FindingState, SuspectedComponentV1 } from '@rackeval/contracts';

/** A finding as stored. */
export interface FindingRecord {
  id: string;
  origin: FindingOrigin;
  rackSerial: string;
  generation: string;
  lot: string | null;
  runId: string | null;
  criterion: string | null;
  diagnosis: string | null;
  /** The inspection (intake's inspectionId) that opened the finding, and its failed check; null for other origins. */
  inspectionId?: string | null;
  inspectionCheck?: string | null;
  title: string;
  failureClass: string | null;
  component: SuspectedComponentV1 | null;
  owner: string | null;
  state: FindingState;
  /** The RMA (intake's) that took the finding to the manufacturer, once it shipped. */
  rmaId: string | null;
  rmaNumber: string | null;
  groupKey: string;
  version: number;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
}

export interface FindingHistoryRecord {
  action: string;
  fromState: FindingState | null;
  toState: FindingState;
  actor: string;
  at: string;
  note: string | null;
  changes: Record<string, unknown>;
}

/** A finding about to be opened; `sourceKey` makes automatic opening idempotent (one per run and criterion or diagnosis, per inspection and check). */
export type NewFinding = Omit<FindingRecord, 'state' | 'version' | 'updatedAt' | 'rmaId' | 'rmaNumber'> & { sourceKey: string | null };

export interface BomLine {
  partNumber: string;
  category: string;
  quantity: number;
  supplier: string;
  countryOfOrigin: string;
}

export interface FindingRack {
  rackSerial: string;
  generation: string;
  lot: string;
  /** Null when intake's events carried no BOM lines (published before they were added). */
  bom: BomLine[] | null;
}

/** An RMA a finding is linked to, as intake's events name it. */
export interface FindingRma {
  rmaId: string;
  rmaNumber: string;
}
