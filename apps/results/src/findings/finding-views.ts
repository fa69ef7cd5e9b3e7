import type { AttachmentView } from './dto/attachment.view';
import type { FindingDetailView, FindingView } from './dto/finding.view';
import type { FindingHistoryRecord, FindingRecord } from './finding.model';
import { FindingStateMachine } from './finding.state-machine';

/** What a finding's views show of its record, in this order; anything else the record carries stays out. */
const VIEW_FIELDS = [
  'id',
  'origin',
  'rackSerial',
  'generation',
  'lot',
  'runId',
  'criterion',
  'diagnosis',
  'title',
  'failureClass',
  'component',
  'owner',
  'state',
  'rmaId',
  'rmaNumber',
  'groupKey',
  'version',
  'openedBy',
  'openedAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof FindingRecord & keyof FindingView>;

export function toFindingView(finding: FindingRecord): FindingView {
  const shown = Object.fromEntries(VIEW_FIELDS.map((field) => [field, finding[field]])) as Pick<
    FindingRecord,
    (typeof VIEW_FIELDS)[number]
  >;
  return { ...shown, actions: FindingStateMachine.actionsFrom(finding.state) };
}

export function toFindingDetailView(
  finding: FindingRecord,
  history: FindingHistoryRecord[],
  attachments: AttachmentView[],
  runAttachments: AttachmentView[] = [],
): FindingDetailView {
  return { ...toFindingView(finding), history, attachments, runAttachments };
}
