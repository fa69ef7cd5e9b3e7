import type { EntityManager } from 'typeorm';
import { attachmentHref } from '../findings/attachments/attachment-views';
import type { ArtifactRecord, ArtifactRecordKind } from '../ocptv/ocptv.parser';

/** The run's attachment holding a file artifact's bytes (they came with the upload). */
export interface ArtifactAttachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  href: string;
}

export interface StoredArtifact extends Omit<ArtifactRecord, 'attachmentId'> {
  id: number;
  recordedBy: string;
  attachment?: ArtifactAttachment;
}

export interface ArtifactFilter {
  kinds?: ArtifactRecordKind[];
  levels?: string[];
  /** Only artifacts with an id above this (paging forward). */
  after?: number;
  limit: number;
}

/** Rows inserted per statement: one jsonb parameter, far below PostgreSQL's parameter limit. */
const INSERT_ROWS = 5000;

interface Row {
  id: string;
  kind: ArtifactRecordKind;
  sequence: string;
  at: Date;
  step_id: string | null;
  name: string | null;
  value: ArtifactRecord['value'] | null;
  unit: string | null;
  component: string | null;
  hardware_info_id: string | null;
  level: string | null;
  message: string | null;
  uri: string | null;
  content_type: string | null;
  validators: ArtifactRecord['validators'] | null;
  validation: 'PASS' | 'FAIL' | null;
  in_measurements: boolean;
  recorded_by: string;
  run_id: string;
  attachment_id: string | null;
  attachment_filename: string | null;
  attachment_media_type: string | null;
  attachment_size: string | null;
  attachment_sha256: string | null;
}

const optional = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> =>
  value === null ? {} : ({ [key]: value } as Record<K, V>);

const toStored = (row: Row): StoredArtifact => ({
  id: Number(row.id),
  kind: row.kind,
  sequence: Number(row.sequence),
  at: row.at.toISOString(),
  ...optional('stepId', row.step_id),
  ...optional('name', row.name),
  ...optional('value', row.value),
  ...optional('unit', row.unit),
  ...optional('component', row.component),
  ...optional('hardwareInfoId', row.hardware_info_id),
  ...optional('level', row.level),
  ...optional('message', row.message),
  ...optional('uri', row.uri),
  ...optional('contentType', row.content_type),
  ...optional('validators', row.validators),
  ...optional('validation', row.validation),
  ...(row.in_measurements ? { inMeasurements: true } : {}),
  recordedBy: row.recorded_by,
  ...(row.attachment_id === null
    ? {}
    : {
        attachment: {
          id: row.attachment_id,
          filename: row.attachment_filename!,
          mediaType: row.attachment_media_type!,
          // size_bytes is a bigint, which the driver gives as a string.
          size: Number(row.attachment_size),
          sha256: row.attachment_sha256!,
          href: attachmentHref('RUN', row.run_id, row.attachment_id),
        },
      }),
});

/** OCPTV artifacts other than numeric samples, and a run's DUT inventory. */
export const RunArtifactRepository = {
  async insert(manager: EntityManager, runId: string, actor: string, records: readonly ArtifactRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += INSERT_ROWS) {
      const batch = records.slice(i, i + INSERT_ROWS).map((r) => ({
        kind: r.kind,
        sequence: r.sequence,
        at: r.at,
        step_id: r.stepId ?? null,
        name: r.name ?? null,
        value: r.value === undefined ? null : r.value,
        unit: r.unit ?? null,
        component: r.component ?? null,
        hardware_info_id: r.hardwareInfoId ?? null,
        level: r.level ?? null,
        message: r.message ?? null,
        uri: r.uri ?? null,
        content_type: r.contentType ?? null,
        validators: r.validators ?? null,
        validation: r.validation ?? null,
        in_measurements: r.inMeasurements === true,
        attachment_id: r.attachmentId ?? null,
      }));
      await manager.query(
        `INSERT INTO run_artifact (run_id, kind, sequence, at, step_id, name, value, unit, component, hardware_info_id, level, message, uri, content_type,
                                   validators, validation, in_measurements, attachment_id, recorded_by)
         SELECT $1, x.kind, x.sequence, x.at, x.step_id, x.name, x.value, x.unit, x.component, x.hardware_info_id, x.level, x.message, x.uri, x.content_type,
                x.validators, x.validation, x.in_measurements, x.attachment_id, $2
           FROM jsonb_to_recordset($3::jsonb) AS x(kind text, sequence bigint, at timestamptz, step_id text, name text, value jsonb, unit text, component text,
                hardware_info_id text, level text, message text, uri text, content_type text, validators jsonb, validation text, in_measurements boolean,
                attachment_id uuid)`,
        [runId, actor, JSON.stringify(batch)],
      );
    }
  },

  async list(manager: EntityManager, runId: string, filter: ArtifactFilter): Promise<StoredArtifact[]> {
    const params: unknown[] = [runId, filter.after ?? 0, filter.limit];
    let where = '';
    if (filter.kinds?.length) {
      params.push(filter.kinds);
      where += ` AND r.kind = ANY($${params.length}::text[])`;
    }
    if (filter.levels?.length) {
      params.push(filter.levels);
      where += ` AND r.level = ANY($${params.length}::text[])`;
    }
    const rows: Row[] = await manager.query(
      `SELECT r.id, r.kind, r.sequence, r.at, r.step_id, r.name, r.value, r.unit, r.component, r.hardware_info_id, r.level, r.message, r.uri,
              r.content_type, r.validators, r.validation, r.in_measurements, r.recorded_by, r.run_id, r.attachment_id,
              a.filename AS attachment_filename, a.media_type AS attachment_media_type, a.size_bytes AS attachment_size, a.sha256 AS attachment_sha256
         FROM run_artifact r LEFT JOIN attachment a ON a.id = r.attachment_id
        WHERE r.run_id = $1 AND r.id > $2${where} ORDER BY r.id LIMIT $3`,
      params,
    );
    return rows.map(toStored);
  },

  /** Counts per kind and level (e.g. DIAGNOSIS/FAIL, LOG/WARNING), for the run page's filters and the criteria. */
  async counts(manager: EntityManager, runId: string): Promise<Array<{ kind: ArtifactRecordKind; level: string | null; count: number }>> {
    const rows: Array<{ kind: ArtifactRecordKind; level: string | null; count: string }> = await manager.query(
      `SELECT kind, level, count(*) AS count FROM run_artifact WHERE run_id = $1 GROUP BY kind, level ORDER BY kind, level`,
      [runId],
    );
    return rows.map((r) => ({ kind: r.kind, level: r.level, count: Number(r.count) }));
  },

  /** Diagnoses of a run (for criteria that judge them): type, verdict and where. */
  async diagnoses(
    manager: EntityManager,
    runId: string,
  ): Promise<Array<{ type: string; verdict: string; component: string | null; hardwareInfoId: string | null }>> {
    const rows: Array<{ level: string; name: string; component: string | null; hardware_info_id: string | null }> = await manager.query(
      `SELECT level, name, component, hardware_info_id FROM run_artifact WHERE run_id = $1 AND kind = 'DIAGNOSIS'`,
      [runId],
    );
    return rows.map((r) => ({ type: r.level, verdict: r.name, component: r.component, hardwareInfoId: r.hardware_info_id }));
  },

  /** The run's DUT inventory: the latest stream's testRunStart.dutInfo replaces an earlier one. */
  async saveDut(manager: EntityManager, runId: string, actor: string, dut: Record<string, unknown>): Promise<void> {
    await manager.query(
      `INSERT INTO run_dut_info (run_id, dut, recorded_by) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (run_id) DO UPDATE SET dut = EXCLUDED.dut, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [runId, JSON.stringify(dut), actor],
    );
  },

  async dut(
    manager: EntityManager,
    runId: string,
  ): Promise<{ dut: Record<string, unknown>; recordedBy: string; recordedAt: string } | undefined> {
    const rows: Array<{ dut: Record<string, unknown>; recorded_by: string; recorded_at: Date }> = await manager.query(
      `SELECT dut, recorded_by, recorded_at FROM run_dut_info WHERE run_id = $1`,
      [runId],
    );
    return rows[0] && { dut: rows[0].dut, recordedBy: rows[0].recorded_by, recordedAt: rows[0].recorded_at.toISOString() };
  },
};
