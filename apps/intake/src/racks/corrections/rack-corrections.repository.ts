import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import type { BomLine, RackCorrectionRecord, RackRecordValues } from './rack-correction.rules';

/** Rack record corrections: the history (append-only), the replaced BOM lines and the rack's corrected columns. */
export const RackCorrectionsRepository = {
  async bom(manager: EntityManager, serial: string): Promise<Array<BomLine & { line: number }>> {
    const rows = await manager.query(
      `SELECT line_no AS line, part_number, category, quantity, unit_cost, currency, supplier, country_of_origin FROM bom_line WHERE rack_serial = $1 ORDER BY line_no`,
      [serial],
    );
    // currency and country_of_origin are char(n) columns: the driver gives them blank-padded.
    return rows.map((row: Row) => ({
      ...recordOf<BomLine & { line: number }>(row),
      currency: (row.currency as string).trim(),
      countryOfOrigin: (row.country_of_origin as string).trim(),
    }));
  },

  async replaceBom(manager: EntityManager, serial: string, bom: BomLine[]): Promise<void> {
    await manager.query(`DELETE FROM bom_line WHERE rack_serial = $1`, [serial]);
    await manager.query(
      `INSERT INTO bom_line (rack_serial, line_no, part_number, category, quantity, unit_cost, currency, supplier, country_of_origin)
       SELECT $1, n, p, c, q, u, cur, s, o
       FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::numeric[], $7::text[], $8::text[], $9::text[]) AS t(n, p, c, q, u, cur, s, o)`,
      [
        serial,
        bom.map((_, index) => index + 1),
        bom.map((line) => line.partNumber),
        bom.map((line) => line.category),
        bom.map((line) => line.quantity),
        bom.map((line) => line.unitCost),
        bom.map((line) => line.currency),
        bom.map((line) => line.supplier),
        bom.map((line) => line.countryOfOrigin),
      ],
    );
  },

  /** Version-guarded: false when someone changed the rack since it was read. */
  async updateRack(manager: EntityManager, serial: string, version: number, after: RackRecordValues, at: Date): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE rack SET lot = $3, site = $4, domestic_content_pct = $5, bom_cost = $6, bom_currency = $7, version = version + 1, updated_at = $8
       WHERE serial = $1 AND version = $2`,
      [serial, version, after.lot, after.site, after.domesticContentPct, after.bomCost, after.bomCurrency, at],
    )) as [unknown[], number];
    return changed === 1;
  },

  async append(manager: EntityManager, record: RackCorrectionRecord): Promise<void> {
    await manager.query(
      `INSERT INTO rack_correction (id, rack_serial, changed, reason, corrected_by, corrected_at, before, after, previous_bom)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        record.id,
        record.rackSerial,
        record.changed,
        record.reason,
        record.correctedBy,
        record.correctedAt,
        JSON.stringify(record.before),
        JSON.stringify(record.after),
        JSON.stringify(record.previousBom),
      ],
    );
  },

  async ofRack(manager: EntityManager, serial: string): Promise<RackCorrectionRecord[]> {
    const rows = await manager.query(
      `SELECT id, rack_serial, changed, reason, corrected_by, corrected_at, before, after, previous_bom FROM rack_correction
       WHERE rack_serial = $1 ORDER BY corrected_at DESC, id`,
      [serial],
    );
    return rows.map((row: Row) => recordOf<RackCorrectionRecord>(row));
  },
};
