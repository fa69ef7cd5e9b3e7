import { OptionState, RackState, RmaReturnKind } from '@rackeval/contracts';
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

  exists(manager: EntityManager, serial: string): Promise<boolean> {
    return manager.existsBy(RackEntity, { serial });
  },

  /** The rack under its row lock (FOR UPDATE), or null when intake never received it. */
  lock(manager: EntityManager, serial: string): Promise<RackEntity | null> {
    return manager.findOne(RackEntity, { where: { serial }, lock: { mode: 'pessimistic_write' } });
  },

  /** As `lock`, but null also when another transaction holds the row (SKIP LOCKED). */
  lockUnlessBusy(manager: EntityManager, serial: string): Promise<RackEntity | null> {
    return manager.findOne(RackEntity, { where: { serial }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
  },

  bom(manager: EntityManager, serial: string): Promise<BomLineEntity[]> {
    return manager.find(BomLineEntity, { where: { rackSerial: serial }, order: { lineNo: 'ASC' } });
  },

  inspections(manager: EntityManager, serial: string): Promise<InspectionEntity[]> {
    return manager.find(InspectionEntity, { where: { rackSerial: serial }, order: { inspectedAt: 'ASC' } });
  },

  addInspection(manager: EntityManager, inspection: InspectionEntity): Promise<unknown> {
    return manager.insert(InspectionEntity, inspection);
  },

  history(manager: EntityManager, serial: string): Promise<RackHistoryEntity[]> {
    return manager.find(RackHistoryEntity, { where: { rackSerial: serial }, order: { seq: 'ASC' } });
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

  /** The serial the manufacturer sent in place of this rack under an RMA, if any. */
  async replacedBy(manager: EntityManager, serial: string): Promise<string | null> {
    const [row]: Array<{ serial: string }> = await manager.query(`SELECT serial FROM rack WHERE replaces_serial = $1`, [serial]);
    return row?.serial ?? null;
  },

  async waysOut(manager: EntityManager, serial: string): Promise<WaysOutRow | undefined> {
    const [row]: WaysOutRow[] = await manager.query(
      `SELECT r.held_from, r.hold_reason, r.held_by, r.held_at, r.withdrawn_at, o.state AS option_state
         FROM rack r LEFT JOIN known_option o ON o.rack_serial = r.serial WHERE r.serial = $1`,
      [serial],
    );
    return row;
  },
};
