import { EntityManager, QueryFailedError } from 'typeorm';
import type { BomLine, StoredRackFigures } from './domestic-content.rules';

export interface NewRack {
  serial: string;
  generation: string;
  lot: string;
  bomCost: string;
  bomCurrency: string;
  domesticContentPct: string;
}

export interface NewBomLine extends BomLine {
  rackSerial: string;
  lineNo: number;
}

export interface StoredDeliveryRack extends StoredRackFigures {
  bom_lines: number;
}

/** A delivery as stored; `request_hash` is that of the body it was registered with. */
export interface StoredDelivery {
  reference: string;
  site: string;
  received_at: Date;
  request_hash: string;
  registered_by: string;
  registered_at: Date;
}

export const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);

/**
 * Set-based writes for deliveries: one `INSERT … SELECT FROM unnest(…)` per table, whatever the
 * number of racks or BOM lines (no per-row round trips, no 65,535-parameter ceiling).
 */
export const DeliveryRepository = {
  /**
   * Claims the reference and answers the delivery as stored; null when a delivery with it already
   * exists (a concurrent claim waits for the first to commit).
   */
  async claim(
    manager: EntityManager,
    delivery: { reference: string; site: string; receivedAt: string; hash: string; actor: string },
  ): Promise<StoredDelivery | null> {
    const rows: StoredDelivery[] = await manager.query(
      `INSERT INTO delivery (reference, site, received_at, request_hash, registered_by, registered_at)
       VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (reference) DO NOTHING
       RETURNING reference, site, received_at, request_hash, registered_by, registered_at`,
      [delivery.reference, delivery.site, delivery.receivedAt, delivery.hash, delivery.actor],
    );
    return rows[0] ?? null;
  },

  async generationTargets(manager: EntityManager, codes: string[]): Promise<Map<string, string>> {
    const rows: Array<{ code: string; target: string }> = await manager.query(
      `SELECT code, domestic_content_target_pct AS target FROM generation WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.target]));
  },

  async knownSerials(manager: EntityManager, serials: string[]): Promise<string[]> {
    const rows: Array<{ serial: string }> = await manager.query(`SELECT serial FROM rack WHERE serial = ANY($1::text[]) ORDER BY serial`, [
      serials,
    ]);
    return rows.map((row) => row.serial);
  },

  async insertRacks(manager: EntityManager, delivery: { reference: string; site: string; receivedAt: string }, racks: NewRack[]) {
    await manager.query(
      `INSERT INTO rack (serial, delivery_reference, generation, lot, site, state, bom_cost, bom_currency, domestic_content_pct, received_at, updated_at)
       SELECT r.serial, $1, r.generation, r.lot, $2, 'RECEIVED', r.bom_cost, r.bom_currency, r.pct, $3, now()
         FROM unnest($4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[], $9::numeric[])
           AS r (serial, generation, lot, bom_cost, bom_currency, pct)`,
      [
        delivery.reference,
        delivery.site,
        delivery.receivedAt,
        column(racks, 'serial'),
        column(racks, 'generation'),
        column(racks, 'lot'),
        column(racks, 'bomCost'),
        column(racks, 'bomCurrency'),
        column(racks, 'domesticContentPct'),
      ],
    );
  },

  async insertBomLines(manager: EntityManager, lines: NewBomLine[]) {
    await manager.query(
      `INSERT INTO bom_line (rack_serial, line_no, part_number, category, quantity, unit_cost, currency, supplier, country_of_origin)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::numeric[], $7::text[], $8::text[], $9::text[])`,
      [
        column(lines, 'rackSerial'),
        column(lines, 'lineNo'),
        column(lines, 'partNumber'),
        column(lines, 'category'),
        column(lines, 'quantity'),
        column(lines, 'unitCost'),
        column(lines, 'currency'),
        column(lines, 'supplier'),
        column(lines, 'countryOfOrigin'),
      ],
    );
  },

  async racksOf(manager: EntityManager, reference: string): Promise<StoredDeliveryRack[]> {
    return manager.query(
      `SELECT r.serial, r.generation, r.lot, r.bom_cost, r.bom_currency, r.domestic_content_pct,
              g.domestic_content_target_pct, (SELECT count(*)::int FROM bom_line b WHERE b.rack_serial = r.serial) AS bom_lines
         FROM rack r JOIN generation g ON g.code = r.generation
        WHERE r.delivery_reference = $1 ORDER BY r.serial`,
      [reference],
    );
  },

  async delivery(manager: EntityManager, reference: string): Promise<StoredDelivery | undefined> {
    const [row]: StoredDelivery[] = await manager.query(
      `SELECT reference, site, received_at, request_hash, registered_by, registered_at FROM delivery WHERE reference = $1`,
      [reference],
    );
    return row;
  },
};

/** A unique-key clash on the rack table: another delivery took the serial between our check and insert. */
export function isSerialClash(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string; constraint?: string }).code === '23505';
}
