import type { RmaReturnKind } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';

/** A unit that came back under an RMA, as intake's rack.returned-from-rma told. */
export interface RmaReturnRecord {
  rmaId: string;
  rackSerial: string;
  rmaNumber: string;
  incarnation: number;
  kind: RmaReturnKind;
  actor: string;
  returnedAt: string;
}

/** The returns findings have heard of: a shipment read after its unit's return still proposes the fix. */
export const FindingRmaRepository = {
  /** Once per RMA and rack: a return read again inserts nothing. */
  async recordReturn(manager: EntityManager, returned: RmaReturnRecord): Promise<void> {
    await manager.query(
      `INSERT INTO finding_rma_return (rma_id, rack_serial, rma_number, incarnation, kind, actor, returned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [returned.rmaId, returned.rackSerial, returned.rmaNumber, returned.incarnation, returned.kind, returned.actor, returned.returnedAt],
    );
  },

  async returnOf(manager: EntityManager, rmaId: string, rackSerial: string): Promise<RmaReturnRecord | undefined> {
    const [row] = await manager.query(
      `SELECT rma_id, rack_serial, rma_number, incarnation, kind, actor, returned_at FROM finding_rma_return
        WHERE rma_id = $1 AND rack_serial = $2`,
      [rmaId, rackSerial],
    );
    return row
      ? {
          rmaId: row.rma_id,
          rackSerial: row.rack_serial,
          rmaNumber: row.rma_number,
          incarnation: row.incarnation,
          kind: row.kind,
          actor: row.actor,
          returnedAt: new Date(row.returned_at).toISOString(),
        }
      : undefined;
  },
};
