import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Cursor, Page, readInSnapshot } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { toAttachmentView } from '../attachments/attachment-views';
import { rmaNotFound } from '../intake.errors';
import { RmaQuery } from './dto/rma-query.dto';
import { RmaDetailView, RmaSummaryView } from './dto/rma.view';
import { RmaRow, RmasRepository } from './rma.repository';

/** Reads RMAs for every role: lists newest first, one RMA with its units (as they are now) and its history. */
@Injectable()
export class RmasQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: RmaQuery): Promise<Page<RmaSummaryView>> {
    const after = Cursor.decode(query.cursor, ['timestamp', 'uuid'] as const);
    const rows = await RmasRepository.page(this.dataSource.manager, query, after, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [row.created_at.toISOString(), row.id], summary);
  }

  /** The RMA with its units, history and attachments, read in one snapshot so they agree. */
  detail(id: string): Promise<RmaDetailView> {
    return readInSnapshot(this.dataSource, (manager) => this.detailIn(manager, id));
  }

  /** The RMA as `manager` sees it: inside a unit of work, with the change just made. */
  async detailIn(manager: EntityManager, id: string): Promise<RmaDetailView> {
    const row = await RmasRepository.find(manager, id);
    if (!row) throw rmaNotFound(id);
    // One after the other: inside a unit of work the queries share the transaction's connection.
    const units = await RmasRepository.units(manager, id);
    const history = await RmasRepository.history(manager, id);
    const attachments = await AttachmentRepository.list(manager, 'RMA', id);
    return {
      ...summary(row),
      notes: row.notes,
      shippedBy: row.shipped_by,
      cancelledAt: row.cancelled_at?.toISOString() ?? null,
      cancelledBy: row.cancelled_by,
      cancelReason: row.cancel_reason,
      receivedBy: row.received_by,
      units: units.map((unit) => ({
        serial: unit.serial,
        generation: unit.generation,
        lot: unit.lot,
        state: unit.state,
        receivedAt: unit.received_at?.toISOString() ?? null,
        kind: unit.kind,
        replacementSerial: unit.replacement_serial,
        incarnation: unit.incarnation,
        note: unit.note,
      })),
      history: history.map((entry) => ({
        from: entry.from_state,
        to: entry.to_state,
        actor: entry.actor,
        reason: entry.reason,
        at: entry.occurred_at.toISOString(),
      })),
      attachments: attachments.map(toAttachmentView),
    };
  }
}

function summary(row: RmaRow): RmaSummaryView {
  return {
    id: row.id,
    rmaNumber: row.rma_number,
    state: row.state,
    serials: row.serials,
    findingIds: row.finding_ids,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    shippedAt: row.shipped_at?.toISOString() ?? null,
    receivedAt: row.received_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
