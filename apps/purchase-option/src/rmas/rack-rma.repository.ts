import { type NestedRow, recordOf, type Row } from '@rackeval/platform';
import type { RmaReturnKind } from '@rackeval/contracts';
import { EntityManager } from 'typeorm';

/** The latest RMA of a rack as the option view shows it (timestamps as ISO-8601). */
export interface RackRmaRecord {
  rackSerial: string;
  rmaId: string;
  rmaNumber: string;
  shippedAt: string | null;
  receivedAt: string | null;
  incarnationAfter: number | null;
  returnKind: RmaReturnKind | null;
  replacedBy: string | null;
}

const COLUMNS = 'rack_serial, rma_id, rma_number, shipped_at, received_at, incarnation_after, return_kind, replaced_by';
/** A rack's latest RMA is the one shipped last (one not shipped yet, by its return). */
export const LATEST_RMA_FIRST = 'COALESCE(shipped_at, received_at) DESC, recorded_at DESC';
/** An RMA read nested in another statement (the option's page). */
export const RACK_RMA_ROW: NestedRow = { columns: COLUMNS, timestamps: ['shipped_at', 'received_at'] };

/** An RMA row as the record the option view shows. */
export const rmaOf = (row: Row): RackRmaRecord => recordOf<RackRmaRecord>(row);

/**
 * `rack_rma`, one row per rack and RMA. Shipment and return upsert their own columns (COALESCE keeps
 * what the other fact wrote), so a redelivery or either order leaves the same row.
 */
export const RackRmaRepository = {
  async shipped(manager: EntityManager, fact: { rackSerial: string; rmaId: string; rmaNumber: string; shippedAt: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO rack_rma (rack_serial, rma_id, rma_number, shipped_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (rack_serial, rma_id) DO UPDATE SET shipped_at = COALESCE(rack_rma.shipped_at, EXCLUDED.shipped_at)`,
      [fact.rackSerial, fact.rmaId, fact.rmaNumber, fact.shippedAt],
    );
  },

  async returned(
    manager: EntityManager,
    fact: { rackSerial: string; rmaId: string; rmaNumber: string; receivedAt: Date; incarnation: number; kind: RmaReturnKind },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO rack_rma (rack_serial, rma_id, rma_number, received_at, incarnation_after, return_kind) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (rack_serial, rma_id) DO UPDATE SET
         received_at = COALESCE(rack_rma.received_at, EXCLUDED.received_at),
         incarnation_after = COALESCE(rack_rma.incarnation_after, EXCLUDED.incarnation_after),
         return_kind = COALESCE(rack_rma.return_kind, EXCLUDED.return_kind)`,
      [fact.rackSerial, fact.rmaId, fact.rmaNumber, fact.receivedAt, fact.incarnation, fact.kind],
    );
  },

  /** The manufacturer sent `newSerial` in place of `rackSerial`: the rack's open RMA is settled (no unit comes back under its serial). */
  async replaced(manager: EntityManager, rackSerial: string, newSerial: string, receivedAt: Date): Promise<void> {
    await manager.query(
      `UPDATE rack_rma SET received_at = $3, return_kind = 'REPLACED', replaced_by = $2 WHERE rack_serial = $1 AND received_at IS NULL`,
      [rackSerial, newSerial, receivedAt],
    );
  },

  /** Each rack's latest RMA (the one shipped last), for the racks given; one array parameter however many. */
  async latestOf(manager: EntityManager, rackSerials: string[]): Promise<RackRmaRecord[]> {
    const rows: Row[] = await manager.query(
      `SELECT DISTINCT ON (rack_serial) ${COLUMNS} FROM rack_rma WHERE rack_serial = ANY($1)
        ORDER BY rack_serial, ${LATEST_RMA_FIRST}`,
      [rackSerials],
    );
    return rows.map(rmaOf);
  },
};
