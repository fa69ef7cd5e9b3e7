import type { EntityManager } from 'typeorm';
import type { FindingRecord } from './finding.model';
import { type FindingFilter, toFindingRecord, whereOf } from './finding.repository';

/** A finding as the manufacturer's report shows it: with the size of its group and its attachments. */
export interface FindingReportRecord {
  finding: FindingRecord;
  /** Findings sharing its group key, across every rack, lot and generation (itself included). */
  similar: number;
  /** Its attachments' ids, oldest first. */
  attachmentIds: string[];
  /** Where the next page starts: opened_at at full precision, and the id. */
  position: FindingReportPosition;
}

export type FindingReportPosition = [openedAt: string, id: string];

export const FindingReportRepository = {
  /** Oldest first, then by id: a stable order, read a keyset page at a time after `after`. */
  async page(
    manager: EntityManager,
    filter: FindingFilter,
    after: FindingReportPosition | undefined,
    limit: number,
  ): Promise<FindingReportRecord[]> {
    const where = whereOf(filter);
    const params = [...where.params];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = `AND (f.opened_at, f.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT f.*, f.opened_at::text AS position_at,
              (SELECT count(*)::int FROM finding s WHERE s.group_key = f.group_key) AS similar,
              coalesce((SELECT array_agg(a.id::text ORDER BY a.uploaded_at, a.id) FROM attachment a
                         WHERE a.subject = 'FINDING' AND a.subject_id = f.id), '{}') AS attachment_ids
         FROM finding f
        WHERE ${where.sql} ${keyset}
        ORDER BY f.opened_at, f.id
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      finding: toFindingRecord(row),
      similar: row.similar as number,
      attachmentIds: row.attachment_ids as string[],
      position: [row.position_at as string, row.id as string],
    }));
  },
};
