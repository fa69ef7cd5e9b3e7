import type { EntityManager } from 'typeorm';
import type { OcptvParserState } from '../ocptv/ocptv.parser';

export interface OcptvUploadRecord {
  id: string;
  runId: string;
  sha256: string;
  totalBytes: number | null;
  state: 'OPEN' | 'COMPLETE';
  committedBytes: number;
  committedLines: number;
  measurements: number;
  chunks: number;
  parserState: OcptvParserState | null;
  rejudged: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

const COLUMNS = `id, run_id, sha256, total_bytes, state, committed_bytes, committed_lines, measurements, chunks, parser_state, rejudged,
  created_by, created_at, updated_at, completed_at`;

interface Row {
  id: string;
  run_id: string;
  sha256: string;
  total_bytes: string | null;
  state: 'OPEN' | 'COMPLETE';
  committed_bytes: string;
  committed_lines: string;
  measurements: string;
  chunks: number;
  parser_state: OcptvParserState | null;
  rejudged: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const toRecord = (row: Row): OcptvUploadRecord => ({
  id: row.id,
  runId: row.run_id,
  sha256: row.sha256,
  totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
  state: row.state,
  committedBytes: Number(row.committed_bytes),
  committedLines: Number(row.committed_lines),
  measurements: Number(row.measurements),
  chunks: row.chunks,
  parserState: row.parser_state,
  rejudged: row.rejudged,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  completedAt: row.completed_at?.toISOString() ?? null,
});

export interface ChunkCommit {
  bytes: number;
  lines: number;
  measurements: number;
  parserState: OcptvParserState;
  complete: boolean;
  rejudged: boolean;
}

export const OcptvUploadRepository = {
  /** Creates the upload of this file for this run, or finds the one already there (`created` false). */
  async openOrFind(
    manager: EntityManager,
    upload: { id: string; runId: string; sha256: string; totalBytes?: number; actor: string },
  ): Promise<{ record: OcptvUploadRecord; created: boolean }> {
    const inserted: Row[] = await manager.query(
      `INSERT INTO ocptv_upload (id, run_id, sha256, total_bytes, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (run_id, sha256) DO NOTHING RETURNING ${COLUMNS}`,
      [upload.id, upload.runId, upload.sha256, upload.totalBytes ?? null, upload.actor],
    );
    if (inserted.length) return { record: toRecord(inserted[0]), created: true };
    const [found]: Row[] = await manager.query(`SELECT ${COLUMNS} FROM ocptv_upload WHERE run_id = $1 AND sha256 = $2`, [
      upload.runId,
      upload.sha256,
    ]);
    return { record: toRecord(found), created: false };
  },

  /** The upload, locked FOR UPDATE when a chunk is about to be added: chunks of one upload are taken one at a time. */
  async find(manager: EntityManager, runId: string, id: string, lock?: 'update'): Promise<OcptvUploadRecord | undefined> {
    const [row]: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM ocptv_upload WHERE run_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [runId, id],
    );
    return row ? toRecord(row) : undefined;
  },

  async list(manager: EntityManager, runId: string): Promise<OcptvUploadRecord[]> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM ocptv_upload WHERE run_id = $1 ORDER BY created_at, id`, [runId]);
    return rows.map(toRecord);
  },

  async commitChunk(manager: EntityManager, id: string, commit: ChunkCommit): Promise<OcptvUploadRecord> {
    const [rows]: [Row[]] = await manager.query(
      `UPDATE ocptv_upload SET committed_bytes = committed_bytes + $2, committed_lines = committed_lines + $3,
         measurements = measurements + $4, chunks = chunks + 1, parser_state = $5, rejudged = rejudged OR $7,
         state = CASE WHEN $6 THEN 'COMPLETE' ELSE state END, completed_at = CASE WHEN $6 THEN now() ELSE completed_at END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, commit.bytes, commit.lines, commit.measurements, JSON.stringify(commit.parserState), commit.complete, commit.rejudged],
    );
    return toRecord(rows[0]);
  },
};
