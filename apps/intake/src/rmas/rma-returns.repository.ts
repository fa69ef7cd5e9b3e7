import type { EntityManager } from 'typeorm';

/** A unit the manufacturer sent under a new serial in place of one shipped under an RMA, as it is inserted. */
export interface ReplacementRack {
  serial: string;
  deliveryReference: string;
  generation: string;
  lot: string;
  site: string;
  bomCost: string;
  bomCurrency: string;
  domesticContentPct: string;
  receivedAt: Date;
  replacesSerial: string;
}

/** A rack's record figures after its BOM changed. */
export interface RecordFigures {
  bomCost: string;
  bomCurrency: string;
  domesticContentPct: string;
}

/** What receiving units back from an RMA writes besides the state (rack-transitions.ts) and the RMA's units (rma.repository.ts). */
export const RmaReturnsRepository = {
  /**
   * The delivery replacement units of an RMA arrive with: its reference is the RMA number. Created by
   * the RMA's first replacement (`marker` in the request hash says whose it is); answers the marker of
   * the delivery holding that reference, which differs when a carrier's delivery already took it.
   */
  async claimDelivery(
    manager: EntityManager,
    delivery: { reference: string; site: string; receivedAt: Date; marker: string; actor: string },
  ): Promise<string> {
    await manager.query(
      `INSERT INTO delivery (reference, site, received_at, request_hash, registered_by, registered_at)
       VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (reference) DO NOTHING`,
      [delivery.reference, delivery.site, delivery.receivedAt, delivery.marker, delivery.actor],
    );
    const [row]: Array<{ request_hash: string }> = await manager.query(`SELECT request_hash FROM delivery WHERE reference = $1`, [
      delivery.reference,
    ]);
    return row.request_hash;
  },

  /** Creates the replacement in its initial state (RECEIVED), naming the serial it replaces. */
  async insertReplacement(manager: EntityManager, rack: ReplacementRack): Promise<void> {
    await manager.query(
      `INSERT INTO rack (serial, delivery_reference, generation, lot, site, state, bom_cost, bom_currency, domestic_content_pct,
                         received_at, updated_at, replaces_serial)
       VALUES ($1, $2, $3, $4, $5, 'RECEIVED', $6, $7, $8, $9, now(), $10)`,
      [
        rack.serial,
        rack.deliveryReference,
        rack.generation,
        rack.lot,
        rack.site,
        rack.bomCost,
        rack.bomCurrency,
        rack.domesticContentPct,
        rack.receivedAt,
        rack.replacesSerial,
      ],
    );
  },

  /** The rack's cost figures after a new BOM, version-guarded: false when someone changed the rack since it was read. */
  async updateFigures(manager: EntityManager, serial: string, version: number, figures: RecordFigures, at: Date): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE rack SET bom_cost = $3, bom_currency = $4, domestic_content_pct = $5, version = version + 1, updated_at = $6
        WHERE serial = $1 AND version = $2`,
      [serial, version, figures.bomCost, figures.bomCurrency, figures.domesticContentPct, at],
    )) as [unknown[], number];
    return changed === 1;
  },
};
