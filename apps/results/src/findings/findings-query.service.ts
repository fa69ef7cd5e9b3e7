import { Injectable } from '@nestjs/common';
import { Cursor, Page, readInSnapshot } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { AttachmentRepository } from './attachments/attachment.repository';
import { toAttachmentView } from './attachments/attachment-views';
import type { FindingFilterQuery, FindingGroupQuery, FindingListQuery } from './dto/finding.dto';
import type { FindingDetailView, FindingGroupsView, FindingView } from './dto/finding.view';
import { normalisePartNumber } from './finding-group.rules';
import { FindingGroupRepository } from './finding-group.repository';
import { type FindingFilter, FindingRepository } from './finding.repository';
import { toFindingDetailView, toFindingView } from './finding-views';
import { unknownFinding } from '../results.errors';

export function filterOf(query: FindingFilterQuery): FindingFilter {
  return {
    generation: query.generation,
    lot: query.lot,
    failureClass: query.class,
    state: query.state,
    criterion: query.criterion,
    partNumber: query.component ? normalisePartNumber(query.component) : undefined,
    rackSerial: query.rack,
    runId: query.run,
    groupKey: query.group,
  };
}

@Injectable()
export class FindingsQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** The finding with its history and attachments, read in one snapshot so its state agrees with its history. */
  async get(id: string): Promise<FindingDetailView> {
    return readInSnapshot(this.dataSource, async (manager) => {
      const finding = await FindingRepository.find(manager, id);
      if (!finding) throw unknownFinding(id);
      const history = await FindingRepository.history(manager, id);
      const attachments = await AttachmentRepository.list(manager, 'FINDING', id);
      const runAttachments = finding.runId ? await AttachmentRepository.list(manager, 'RUN', finding.runId) : [];
      return toFindingDetailView(finding, history, attachments.map(toAttachmentView), runAttachments.map(toAttachmentView));
    });
  }

  async list(query: FindingListQuery): Promise<Page<FindingView>> {
    const after = Cursor.decode(query.cursor, ['timestamp', 'uuid'] as const);
    const rows = await FindingRepository.list(this.dataSource.manager, filterOf(query), after && [after[0], after[1]], query.limit);
    return Cursor.page(rows, query.limit, (row) => [row.openedAt, row.id], toFindingView);
  }

  async groups(query: FindingGroupQuery): Promise<FindingGroupsView> {
    return { items: await FindingGroupRepository.groups(this.dataSource.manager, filterOf(query), query.limit) };
  }
}
