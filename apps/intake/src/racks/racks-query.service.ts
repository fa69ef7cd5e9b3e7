import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InspectionOutcome, RackState } from '@rackeval/contracts';
import { Cursor, Decimal, Page } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { meetsTarget } from '../deliveries/domestic-content.rules';
import { rackNotFound } from '../intake.errors';
import { RackQuery } from './dto/rack-query.dto';
import { RackDetailView, RackSummaryView } from './dto/rack.view';
import { BomLineEntity, InspectionEntity, RackHistoryEntity } from './rack.entity';

interface RackRow {
  serial: string;
  generation: string;
  lot: string;
  site: string;
  delivery_reference: string;
  state: RackState;
  received_at: Date;
  updated_at: Date;
  version: number;
  bom_cost: string;
  bom_currency: string;
  domestic_content_pct: string;
  target: string;
}

const SELECT = `SELECT r.serial, r.generation, r.lot, r.site, r.delivery_reference, r.state, r.received_at, r.updated_at, r.version,
                       r.bom_cost, r.bom_currency, r.domestic_content_pct, g.domestic_content_target_pct AS target
                  FROM rack r JOIN generation g ON g.code = r.generation`;

/** Reads racks for people: lists ordered by serial (a stable keyset), one rack with everything known about it. */
@Injectable()
export class RacksQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: RackQuery): Promise<Page<RackSummaryView>> {
    const [after] = Cursor.decode(query.cursor, ['text'] as const) ?? [];
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (query.generation) add('r.generation = ?', query.generation);
    if (query.state) add('r.state = ?', query.state);
    if (query.site) add('r.site = ?', query.site);
    if (query.serialPrefix) add(`r.serial LIKE ? ESCAPE '\\'`, `${query.serialPrefix.replace(/[\\%_]/g, '\\$&')}%`);
    if (after !== undefined) add('r.serial > ?', after);
    params.push(query.limit + 1);
    const rows: RackRow[] = await this.dataSource.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.serial LIMIT $${params.length}`,
      params,
    );
    return Cursor.page(rows, query.limit, (row) => [row.serial], summary);
  }

  async detail(serial: string): Promise<RackDetailView> {
    const [row]: RackRow[] = await this.dataSource.query(`${SELECT} WHERE r.serial = $1`, [serial]);
    if (!row) throw rackNotFound(serial);
    const [bom, inspections, history, waysOut] = await Promise.all([
      this.dataSource.getRepository(BomLineEntity).find({ where: { rackSerial: serial }, order: { lineNo: 'ASC' } }),
      this.dataSource.getRepository(InspectionEntity).find({ where: { rackSerial: serial }, order: { inspectedAt: 'ASC' } }),
      this.dataSource.getRepository(RackHistoryEntity).find({ where: { rackSerial: serial }, order: { seq: 'ASC' } }),
      this.waysOut(serial),
    ]);
    return {
      ...summary(row),
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

  /** The hold, the withdrawal and the option state intake knows of (holds/). */
  private async waysOut(serial: string): Promise<Pick<RackDetailView, 'hold' | 'withdrawnAt' | 'optionState'>> {
    const [row] = await this.dataSource.query(
      `SELECT r.held_from, r.hold_reason, r.held_by, r.held_at, r.withdrawn_at, o.state AS option_state
         FROM rack r LEFT JOIN known_option o ON o.rack_serial = r.serial WHERE r.serial = $1`,
      [serial],
    );
    const hold = row?.held_from
      ? { heldFrom: row.held_from, reason: row.hold_reason, heldBy: row.held_by, heldAt: new Date(row.held_at).toISOString() }
      : null;
    return {
      hold,
      withdrawnAt: row?.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
      optionState: row?.option_state ?? null,
    };
  }
}

function summary(row: RackRow): RackSummaryView {
  const pct = Decimal.parse(row.domestic_content_pct).toFixed(2);
  const target = Decimal.parse(row.target).toFixed(2);
  return {
    serial: row.serial,
    generation: row.generation,
    lot: row.lot,
    site: row.site,
    deliveryReference: row.delivery_reference,
    state: row.state,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    bomCost: Decimal.parse(row.bom_cost).toFixed(2),
    bomCurrency: row.bom_currency,
    domesticContentPct: pct,
    domesticContentTargetPct: target,
    meetsDomesticContentTarget: meetsTarget(pct, target),
  };
}
