import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InspectionOutcome } from '@rackeval/contracts';
import { Cursor, Decimal, Page, readInSnapshot } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { toAttachmentView } from '../attachments/attachment-views';
import { rackFigures } from '../deliveries/domestic-content.rules';
import { rackNotFound } from '../intake.errors';
import { RackQuery } from './dto/rack-query.dto';
import { RackDetailView, RackSummaryView } from './dto/rack.view';
import { RackRow, RacksRepository, WaysOutRow } from './racks.repository';

/** Reads racks for people: lists ordered by serial (a stable keyset), one rack with everything known about it. */
@Injectable()
export class RacksQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: RackQuery): Promise<Page<RackSummaryView>> {
    const [after] = Cursor.decode(query.cursor, ['text'] as const) ?? [];
    const rows = await RacksRepository.page(this.dataSource.manager, query, after, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [row.serial], summary);
  }

  /** The rack with everything known about it, read in one snapshot so its state agrees with its history. */
  detail(serial: string): Promise<RackDetailView> {
    return readInSnapshot(this.dataSource, (manager) => this.detailIn(manager, serial));
  }

  private async detailIn(manager: EntityManager, serial: string): Promise<RackDetailView> {
    const row = await RacksRepository.detailRow(manager, serial);
    if (!row) throw rackNotFound(serial);
    const bom = await RacksRepository.bom(manager, serial);
    const inspections = await RacksRepository.inspections(manager, serial);
    const history = await RacksRepository.history(manager, serial);
    const later = await RacksRepository.incarnations(manager, serial);
    const waysOut = waysOutOf(row);
    const replacedBy = row.replaced_by;
    const attachments = await AttachmentRepository.listMany(
      manager,
      'INSPECTION',
      inspections.map((inspection) => inspection.id),
    );
    return {
      ...summary(row),
      incarnation: row.incarnation,
      incarnations: [
        { incarnation: 1, since: row.received_at.toISOString() },
        ...later.map((entry) => ({
          incarnation: entry.incarnation,
          since: entry.since.toISOString(),
          rmaNumber: entry.rma_number,
          kind: entry.kind,
        })),
      ],
      replacesSerial: row.replaces_serial,
      replacedBy,
      ...waysOut,
      bom: bom.map((line) => ({
        line: line.lineNo,
        partNumber: line.partNumber,
        category: line.category,
        quantity: line.quantity,
        unitCost: Decimal.parse(line.unitCost).toFixed(),
        currency: line.currency,
        supplier: line.supplier,
        countryOfOrigin: line.countryOfOrigin,
      })),
      inspections: inspections.map((inspection) => ({
        id: inspection.id,
        outcome: inspection.outcome as InspectionOutcome,
        checks: inspection.checks,
        note: inspection.note,
        inspectedBy: inspection.inspectedBy,
        inspectedAt: inspection.inspectedAt.toISOString(),
        attachments: attachments.filter((a) => a.ownerId === inspection.id).map(toAttachmentView),
      })),
      history: history.map((entry) => ({
        from: entry.fromState,
        to: entry.toState,
        actor: entry.actor,
        reason: entry.reason,
        at: entry.occurredAt.toISOString(),
        causeEventId: entry.causeEventId,
        eventId: entry.eventId,
      })),
    };
  }
}

/** The hold, the withdrawal and the option state intake knows of (holds/). */
function waysOutOf(row: WaysOutRow): Pick<RackDetailView, 'hold' | 'withdrawnAt' | 'optionState'> {
  const hold = row.held_from
    ? { heldFrom: row.held_from, reason: row.hold_reason, heldBy: row.held_by, heldAt: new Date(row.held_at).toISOString() }
    : null;
  return {
    hold,
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
    optionState: row.option_state ?? null,
  };
}

function summary(row: RackRow): RackSummaryView {
  return rackFigures(row, {
    site: row.site,
    deliveryReference: row.delivery_reference,
    state: row.state,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  });
}
