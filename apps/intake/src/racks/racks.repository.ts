import { OptionState, RackState, RmaReturnKind } from '@rackeval/contracts';
import { entityOf, recordOf, type Row } from '@rackeval/platform';
import { EntityManager } from 'typeorm';
import type { StoredRackFigures } from '../deliveries/domestic-content.rules';
import { RackQuery } from './dto/rack-query.dto';
import { BomLineEntity, InspectionEntity, RackEntity, RackHistoryEntity } from './rack.entity';

/** A rack with its generation's domestic content target, as lists and the detail read it. */
export interface RackRow extends StoredRackFigures {
  site: string;
  delivery_reference: string;
  state: RackState;
  received_at: Date;
  updated_at: Date;
  version: number;
  incarnation: number;
  replaces_serial: string | null;
}

/** A later incarnation of a serial: the RMA unit it came back as. */
export interface IncarnationRow {
  incarnation: number;
  since: Date;
  rma_number: string;
  kind: RmaReturnKind;
}

/** The rack's hold and withdrawal, and the option state intake knows of (holds/). */
export interface WaysOutRow {
  held_from: RackState | null;
  /** hold_reason, held_by and held_at are set whenever held_from is. */
  hold_reason: string;
  held_by: string;
  held_at: Date;
  withdrawn_at: Date | null;
  option_state: OptionState | null;
}

/** The rack's columns, in RackEntity's order. */
const RACK_COLUMNS = `serial, delivery_reference, generation, lot, site, state, bom_cost, bom_currency, domestic_content_pct,
  received_at, updated_at, version, held_from, hold_reason, held_by, held_at, withdrawn_at, incarnation, replaces_serial`;

/** A rack row as its entity: the timestamps stay the driver's Dates. */
const rackOf = (row: Row): RackEntity => entityOf<RackEntity>(row);

/** The columns read of what intake records about a rack, each table's in its entity's order. */
const BOM_LINE_COLUMNS = 'rack_serial, line_no, part_number, category, quantity, unit_cost, currency, supplier, country_of_origin';
const INSPECTION_COLUMNS = 'id, rack_serial, outcome, checks, note, inspected_by, inspected_at';
const HISTORY_COLUMNS = 'seq, rack_serial, from_state, to_state, actor, reason, occurred_at, cause_event_id, event_id';

/** One rack's rows of a table keyed by rack_serial (`select` names the columns and the table), in `orderBy`'s order, each read by `of`. */
async function rowsOfRack<T>(manager: EntityManager, serial: string, select: string, orderBy: string, of: (row: Row) => T): Promise<T[]> {
  const rows: Row[] = await manager.query(`${select} WHERE rack_serial = $1 ORDER BY ${orderBy}`, [serial]);
  return rows.map(of);
}

/** A rack's detail row: its figures, its hold, withdrawal and known option state, and the serial that replaced it. */
export interface RackDetailRow extends RackRow, WaysOutRow {
  replaced_by: string | null;
}

const SELECT = `SELECT r.serial, r.generation, r.lot, r.site, r.delivery_reference, r.state, r.received_at, r.updated_at, r.version,
                       r.incarnation, r.replaces_serial,
                       r.bom_cost, r.bom_currency, r.domestic_content_pct, g.domestic_content_target_pct
                  FROM rack r JOIN generation g ON g.code = r.generation`;

/** Racks and what intake records about each: BOM lines, inspections, history. State writes are rack-transitions.ts's. */
export const RacksRepository = {
  /** Racks matching the filter, ordered by serial (a stable keyset), after `after` when given. */
  page(
    manager: EntityManager,
    filter: Pick<RackQuery, 'generation' | 'state' | 'site' | 'serialPrefix'>,
    after: string | undefined,
    take: number,
  ): Promise<RackRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (filter.generation) add('r.generation = ?', filter.generation);
    if (filter.state) add('r.state = ?', filter.state);
    if (filter.site) add('r.site = ?', filter.site);
    if (filter.serialPrefix) add(`r.serial LIKE ? ESCAPE '\\'`, `${filter.serialPrefix.replace(/[\\%_]/g, '\\$&')}%`);
    if (after !== undefined) add('r.serial > ?', after);
    params.push(take);
    return manager.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.serial LIMIT $${params.length}`,
      params,
    );
  },

  async row(manager: EntityManager, serial: string): Promise<RackRow | undefined> {
    const [row]: RackRow[] = await manager.query(`${SELECT} WHERE r.serial = $1`, [serial]);
    return row;
  },

  /** The rack's figures with its hold, withdrawal and known option state (holds/), and the serial the manufacturer sent in its place under an RMA, if any. */
  async detailRow(manager: EntityManager, serial: string): Promise<RackDetailRow | undefined> {
    const [row]: RackDetailRow[] = await manager.query(
      `SELECT r.serial, r.generation, r.lot, r.site, r.delivery_reference, r.state, r.received_at, r.updated_at, r.version,
              r.incarnation, r.replaces_serial,
              r.bom_cost, r.bom_currency, r.domestic_content_pct, g.domestic_content_target_pct,
              r.held_from, r.hold_reason, r.held_by, r.held_at, r.withdrawn_at, o.state AS option_state,
              (SELECT n.serial FROM rack n WHERE n.replaces_serial = r.serial LIMIT 1) AS replaced_by
         FROM rack r JOIN generation g ON g.code = r.generation LEFT JOIN known_option o ON o.rack_serial = r.serial
        WHERE r.serial = $1`,
      [serial],
    );
    return row;
  },

  async exists(manager: EntityManager, serial: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM rack WHERE serial = $1`, [serial]);
    return rows.length === 1;
  },

  /** The rack as it is now, without a lock (its version guards a change), or null when intake never received it. */
  async find(manager: EntityManager, serial: string): Promise<RackEntity | null> {
    const rows: Row[] = await manager.query(`SELECT ${RACK_COLUMNS} FROM rack WHERE serial = $1`, [serial]);
    return rows.length ? rackOf(rows[0]) : null;
  },

  /** The rack under its row lock (FOR UPDATE), or null when intake never received it. */
  async lock(manager: EntityManager, serial: string): Promise<RackEntity | null> {
    const rows: Row[] = await manager.query(`SELECT ${RACK_COLUMNS} FROM rack WHERE serial = $1 FOR UPDATE`, [serial]);
    return rows.length ? rackOf(rows[0]) : null;
  },

  /** As `lock`, but null also when another transaction holds the row (SKIP LOCKED). */
  async lockUnlessBusy(manager: EntityManager, serial: string): Promise<RackEntity | null> {
    const rows: Row[] = await manager.query(`SELECT ${RACK_COLUMNS} FROM rack WHERE serial = $1 FOR UPDATE SKIP LOCKED`, [serial]);
    return rows.length ? rackOf(rows[0]) : null;
  },

  bom(manager: EntityManager, serial: string): Promise<BomLineEntity[]> {
    return rowsOfRack(manager, serial, `SELECT ${BOM_LINE_COLUMNS} FROM bom_line`, 'line_no', recordOf<BomLineEntity>);
  },

  inspections(manager: EntityManager, serial: string): Promise<InspectionEntity[]> {
    return rowsOfRack(manager, serial, `SELECT ${INSPECTION_COLUMNS} FROM inspection`, 'inspected_at', entityOf<InspectionEntity>);
  },

  async addInspection(manager: EntityManager, inspection: InspectionEntity): Promise<void> {
    await manager.query(
      `INSERT INTO inspection (id, rack_serial, outcome, checks, note, inspected_by, inspected_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        inspection.id,
        inspection.rackSerial,
        inspection.outcome,
        JSON.stringify(inspection.checks),
        inspection.note,
        inspection.inspectedBy,
        inspection.inspectedAt,
      ],
    );
  },

  history(manager: EntityManager, serial: string): Promise<RackHistoryEntity[]> {
    return rowsOfRack(manager, serial, `SELECT ${HISTORY_COLUMNS} FROM rack_history`, 'seq', entityOf<RackHistoryEntity>);
  },

  /** The serial's incarnations after the first, oldest first: each since its unit came back from an RMA. */
  incarnations(manager: EntityManager, serial: string): Promise<IncarnationRow[]> {
    return manager.query(
      `SELECT u.incarnation, u.received_at AS since, m.rma_number, u.kind
         FROM rma_unit u JOIN rma m ON m.id = u.rma_id
        WHERE u.rack_serial = $1 AND u.incarnation IS NOT NULL ORDER BY u.incarnation`,
      [serial],
    );
  },
};
