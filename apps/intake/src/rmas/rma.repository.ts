import type { RackState, RmaReturnKind, RmaState } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';
import type { RmaQuery } from './dto/rma-query.dto';
import { ACTIVE_RMA_STATES, type RackOnRma } from './rma.rules';

/** An RMA as read, with its units' serials in the order they were given. */
export interface RmaRow {
  id: string;
  rma_number: string;
  state: RmaState;
  finding_ids: string[];
  notes: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  shipped_at: Date | null;
  shipped_by: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  received_at: Date | null;
  received_by: string | null;
  version: number;
  serials: string[];
}

/** A unit of an RMA: its rack as it is now, and how it came back (the receipt columns are null until then). */
export interface RmaUnitRow {
  serial: string;
  generation: string;
  lot: string;
  state: RackState;
  received_at: Date | null;
  received_by: string | null;
  kind: RmaReturnKind | null;
  replacement_serial: string | null;
  /** The serial's incarnation it came back as; null until back, and when a new serial replaced it. */
  incarnation: number | null;
  note: string | null;
}

/** How one unit came back, as recorded on the RMA. */
export interface UnitReceipt {
  serial: string;
  receivedAt: Date;
  receivedBy: string;
  kind: RmaReturnKind;
  replacementSerial: string | null;
  incarnation: number | null;
  note: string | null;
}

export interface RmaHistoryRow {
  from_state: RmaState | null;
  to_state: RmaState;
  actor: string;
  reason: string;
  occurred_at: Date;
}

export interface NewRma {
  id: string;
  rmaNumber: string;
  serials: string[];
  findingIds: string[];
  notes: string | null;
  createdBy: string;
  createdAt: Date;
}

const SELECT = `SELECT r.id, r.rma_number, r.state, r.finding_ids, r.notes, r.created_by, r.created_at, r.updated_at, r.shipped_at,
                       r.shipped_by, r.cancelled_at, r.cancelled_by, r.cancel_reason, r.received_at, r.received_by, r.version,
                       ARRAY(SELECT u.rack_serial FROM rma_unit u WHERE u.rma_id = r.id ORDER BY u.line_no) AS serials
                  FROM rma r`;

/** RMAs, their units and history as they are read. State changes are rma-transitions.ts's. */
export const RmasRepository = {
  /** Creates the RMA in its initial state (OPEN) with its units; false, and nothing written, when its number is taken. */
  async insert(manager: EntityManager, rma: NewRma): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO rma (id, rma_number, state, finding_ids, notes, created_by, created_at, updated_at)
       VALUES ($1, $2, 'OPEN', $3::uuid[], $4, $5, $6, $6)
       ON CONFLICT (rma_number) DO NOTHING RETURNING id`,
      [rma.id, rma.rmaNumber, rma.findingIds, rma.notes, rma.createdBy, rma.createdAt],
    );
    if (!inserted.length) return false;
    await manager.query(
      `INSERT INTO rma_unit (rma_id, rack_serial, line_no) SELECT $1, serial, line_no FROM unnest($2::text[]) WITH ORDINALITY AS t(serial, line_no)`,
      [rma.id, rma.serials],
    );
    return true;
  },

  /** The RMA, under its row lock (FOR UPDATE) when `lock` is set; undefined when intake has none with this id. */
  async find(manager: EntityManager, id: string, lock = false): Promise<RmaRow | undefined> {
    const [row]: RmaRow[] = await manager.query(`${SELECT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
    return row;
  },

  /**
   * Which of `serials` are on an RMA that holds its units (OPEN or SHIPPED), and on which. A unit back
   * from a SHIPPED RMA whose other units are still out is no longer held by it.
   */
  onActiveRmas(manager: EntityManager, serials: readonly string[]): Promise<RackOnRma[]> {
    return manager.query(
      `SELECT u.rack_serial AS serial, r.rma_number AS "rmaNumber", r.state
         FROM rma_unit u JOIN rma r ON r.id = u.rma_id
        WHERE u.rack_serial = ANY($1::text[]) AND r.state = ANY($2::text[]) AND u.received_at IS NULL`,
      [serials, ACTIVE_RMA_STATES],
    );
  },

  /** RMAs matching the filter, newest first (created_at, id: a stable keyset), after `after` when given. */
  page(
    manager: EntityManager,
    filter: Pick<RmaQuery, 'state' | 'serial'>,
    after: readonly [string, string] | undefined,
    take: number,
  ): Promise<RmaRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) text = text.replace('?', `$${params.push(value)}`);
      where.push(text);
    };
    if (filter.state) add('r.state = ?', filter.state);
    if (filter.serial) add('EXISTS (SELECT 1 FROM rma_unit u WHERE u.rma_id = r.id AND u.rack_serial = ?)', filter.serial);
    if (after) add('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', after[0], after[1]);
    params.push(take);
    return manager.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
  },

  /** The RMA's racks as they are now, and how each came back, in the order given. */
  units(manager: EntityManager, id: string): Promise<RmaUnitRow[]> {
    return manager.query(
      `SELECT k.serial, k.generation, k.lot, k.state, u.received_at, u.received_by, u.kind, u.replacement_serial, u.incarnation, u.note
         FROM rma_unit u JOIN rack k ON k.serial = u.rack_serial WHERE u.rma_id = $1 ORDER BY u.line_no`,
      [id],
    );
  },

  /** Records how a unit came back (once: a unit already back is left as it was, and false is answered). */
  async markReceived(manager: EntityManager, id: string, receipt: UnitReceipt): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE rma_unit SET received_at = $3, received_by = $4, kind = $5, replacement_serial = $6, incarnation = $7, note = $8
        WHERE rma_id = $1 AND rack_serial = $2 AND received_at IS NULL`,
      [
        id,
        receipt.serial,
        receipt.receivedAt,
        receipt.receivedBy,
        receipt.kind,
        receipt.replacementSerial,
        receipt.incarnation,
        receipt.note,
      ],
    )) as [unknown[], number];
    return changed === 1;
  },

  history(manager: EntityManager, id: string): Promise<RmaHistoryRow[]> {
    return manager.query(`SELECT from_state, to_state, actor, reason, occurred_at FROM rma_history WHERE rma_id = $1 ORDER BY seq`, [id]);
  },
};
