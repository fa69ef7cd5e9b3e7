import type { AttachmentView } from './dto/attachment.view';
import type { FindingDetailView, FindingView } from './dto/finding.view';
import type { FindingHistoryRecord, FindingRecord } from './finding.model';
import { FindingStateMachine } from './finding.state-machine';

export function toFindingView(finding: FindingRecord): FindingView {
  const {
    id,
    origin,
    rackSerial,
    generation,
    lot,
    runId,
    criterion,
    diagnosis,
    title,
    failureClass,
    component,
    owner,
    state,
    groupKey,
    version,
    openedBy,
    openedAt,
    updatedAt,
  } = finding;
  return {
    id,
    origin,
    rackSerial,
    generation,
    lot,
    runId,
    criterion,
    diagnosis,
    title,
    failureClass,
    component,
    owner,
    state,
    groupKey,
    version,
    openedBy,
    openedAt,
    updatedAt,
    actions: FindingStateMachine.actionsFrom(state),
  };
}

export function toFindingDetailView(
  finding: FindingRecord,
  history: FindingHistoryRecord[],
  attachments: AttachmentView[],
): FindingDetailView {
  return { ...toFindingView(finding), history, attachments };
}
