import type { FindingState } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';
import type { FindingHistoryRecord, FindingRecord, FindingRma, NewFinding } from './finding.model';

const iso = (value: unknown): string => new Date(value as string).toISOString();

/** A `finding` row as a record. */
export const toFindingRecord = (row: Record<string, unknown>): FindingRecord => ({
  id: row.id as string,
  origin: row.origin as FindingRecord['origin'],
  rackSerial: row.rack_serial as string,
  generation: row.generation as string,
  lot: (row.lot as string | null) ?? null,
  runId: (row.run_id as string | null) ?? null,
  criterion: (row.criterion as string | null) ?? null,
  diagnosis: (row.diagnosis as string | null) ?? null,
  inspectionId: (row.inspection_id as string | null) ?? null,
  inspectionCheck: (row.inspection_check as string | null) ?? null,
  title: row.title as string,
  failureClass: (row.failure_class as string | null) ?? null,
  component: (row.component as FindingRecord['component']) ?? null,
  owner: (row.owner as string | null) ?? null,
  state: row.state as FindingState,
  rmaId: (row.rma_id as string | null) ?? null,
  rmaNumber: (row.rma_number as string | null) ?? null,
  groupKey: row.group_key as string,
  version: row.version as number,
  openedBy: row.opened_by as string,
  openedAt: iso(row.opened_at),
  updatedAt: iso(row.updated_at),
});

export interface FindingFilter {
  generation?: string;
  lot?: string;
  failureClass?: string;
  state?: FindingState;
  criterion?: string;
  /** A part number, compared as grouping compares them (case and spacing ignored). */
  partNumber?: string;
  rackSerial?: string;
  runId?: string;
  groupKey?: string;
}

/** The WHERE clause of a filter, with its parameters numbered from `first`. */
export function whereOf(filter: FindingFilter, first = 1): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${first + params.length - 1}`));
  };
  if (filter.generation) add('generation = ?', filter.generation);
  if (filter.lot) add('lot = ?', filter.lot);
  if (filter.failureClass) add('failure_class = ?', filter.failureClass);
  if (filter.state) add('state = ?', filter.state);
  if (filter.criterion) add('criterion = ?', filter.criterion);
  if (filter.partNumber) add('part_number = ?', filter.partNumber);
  if (filter.rackSerial) add('rack_serial = ?', filter.rackSerial);
  if (filter.runId) add('run_id = ?', filter.runId);
  if (filter.groupKey) add('group_key = ?', filter.groupKey);
  return { sql: clauses.length ? clauses.join(' AND ') : 'true', params };
}

export interface FindingChange {
  state: FindingState;
  failureClass: string | null;
  component: FindingRecord['component'];
  partNumber: string | null;
  owner: string | null;
  groupKey: string;
  at: string;
}

export const FindingRepository = {
  /** Inserts the finding unless one with the same source key exists; true when inserted. */
  async insertIfNew(manager: EntityManager, finding: NewFinding, partNumber: string | null): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO finding (id, source_key, origin, rack_serial, generation, lot, run_id, criterion, diagnosis, title, failure_class,
                            component, part_number, owner, state, group_key, opened_by, opened_at, updated_at, inspection_id, inspection_check)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OPEN', $15, $16, $17, $17, $18, $19)
       ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        finding.id,
        finding.sourceKey,
        finding.origin,
        finding.rackSerial,
        finding.generation,
        finding.lot,
        finding.runId,
        finding.criterion,
        finding.diagnosis,
        finding.title,
        finding.failureClass,
        finding.component ? JSON.stringify(finding.component) : null,
        partNumber,
        finding.owner,
        finding.groupKey,
        finding.openedBy,
        finding.openedAt,
        finding.inspectionId ?? null,
        finding.inspectionCheck ?? null,
      ],
    );
    return rows.length === 1;
  },

  async find(manager: EntityManager, id: string, lock?: 'update'): Promise<FindingRecord | undefined> {
    const [row] = await manager.query(`SELECT * FROM finding WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row ? toFindingRecord(row) : undefined;
  },

  async history(manager: EntityManager, findingId: string): Promise<FindingHistoryRecord[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT action, from_state, to_state, actor, at, note, changes FROM finding_history WHERE finding_id = $1 ORDER BY id`,
      [findingId],
    );
    return rows.map((row) => ({
      action: row.action as string,
      fromState: (row.from_state as FindingState | null) ?? null,
      toState: row.to_state as FindingState,
      actor: row.actor as string,
      at: iso(row.at),
      note: (row.note as string | null) ?? null,
      changes: row.changes as Record<string, unknown>,
    }));
  },

  /** Newest first; `after` is the (openedAt, id) of the last finding of the previous page. */
  async list(manager: EntityManager, filter: FindingFilter, after: [string, string] | undefined, limit: number): Promise<FindingRecord[]> {
    const where = whereOf(filter);
    const params = [...where.params];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = `AND (opened_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const rows = await manager.query(
      `SELECT * FROM finding WHERE ${where.sql} ${keyset} ORDER BY opened_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toFindingRecord);
  },

  /** Links the finding to an RMA if it is still at `version`; false when someone else changed it first. */
  async linkRma(manager: EntityManager, id: string, version: number, rma: FindingRma, at: string): Promise<boolean> {
    const [, affected] = await manager.query(
      `UPDATE finding SET rma_id = $3, rma_number = $4, updated_at = $5, version = version + 1 WHERE id = $1 AND version = $2`,
      [id, version, rma.rmaId, rma.rmaNumber, at],
    );
    return affected === 1;
  },

  /** The rack's findings linked to the RMA that are in `state`, locked for their transition. */
  async ofRma(manager: EntityManager, rmaId: string, rackSerial: string, state: FindingState): Promise<FindingRecord[]> {
    const rows = await manager.query(
      `SELECT * FROM finding WHERE rma_id = $1 AND rack_serial = $2 AND state = $3 ORDER BY opened_at, id FOR UPDATE`,
      [rmaId, rackSerial, state],
    );
    return rows.map(toFindingRecord);
  },

  /** Findings opened before the rack's lot was known take it now (intake's and test-run's topics arrive in any order). */
  async fillLot(manager: EntityManager, rackSerial: string, lot: string): Promise<void> {
    await manager.query(`UPDATE finding SET lot = $2 WHERE rack_serial = $1 AND lot IS NULL`, [rackSerial, lot]);
  },
};
