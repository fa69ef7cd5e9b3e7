import type { EntityManager } from 'typeorm';

/** Column-oriented rows, ready for one `INSERT … SELECT FROM unnest(…)`. */
export class MeasurementColumns {
  readonly metric: string[] = [];
  readonly value: number[] = [];
  readonly unit: string[] = [];
  readonly originalValue: number[] = [];
  readonly originalUnit: string[] = [];
  readonly component: Array<string | null> = [];
  readonly observedAt: Array<string | null> = [];

  get length(): number {
    return this.metric.length;
  }

  push(row: { metric: string; value: number; unit: string; originalValue: number; originalUnit: string; component?: string | null; observedAt?: string | null }) {
    this.metric.push(row.metric);
    this.value.push(row.value);
    this.unit.push(row.unit);
    this.originalValue.push(row.originalValue);
    this.originalUnit.push(row.originalUnit);
    this.component.push(row.component ?? null);
    this.observedAt.push(row.observedAt ?? null);
  }

  /** Counts per metric, for the response. */
  countByMetric(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const metric of this.metric) counts[metric] = (counts[metric] ?? 0) + 1;
    return counts;
  }
}

export interface MeasurementRow {
  id: string;
  metric: string;
  value: number;
  unit: string;
  originalValue: number;
  originalUnit: string;
  component: string | null;
  observedAt: string | null;
  recordedAt: string;
  recordedBy: string;
  source: string;
  correctionId: string | null;
  supersededBy: string | null;
}

export const MeasurementRepository = {
  /** One statement for the whole batch: 7 array parameters however many rows. */
  async insert(
    manager: EntityManager,
    runId: string,
    rows: MeasurementColumns,
    meta: { actor: string; source: 'api' | 'ocptv'; correctionId?: string },
  ): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO measurement (run_id, metric, value, unit, original_value, original_unit, component, observed_at, recorded_by, source, correction_id)
       SELECT $1, m, v, u, ov, ou, c, o, $9, $10, $11
       FROM unnest($2::text[], $3::float8[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::timestamptz[]) AS t(m, v, u, ov, ou, c, o)`,
      [runId, rows.metric, rows.value, rows.unit, rows.originalValue, rows.originalUnit, rows.component, rows.observedAt, meta.actor, meta.source, meta.correctionId ?? null],
    );
  },

  async createCorrection(manager: EntityManager, runId: string, c: { metric: string; component?: string; reason: string; actor: string }): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO measurement_correction (run_id, metric, component, reason, actor) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [runId, c.metric, c.component ?? null, c.reason, c.actor],
    );
    return String(row.id);
  },

  /** Marks the current values of a metric superseded; their values stay as written. */
  async supersede(manager: EntityManager, runId: string, metric: string, component: string | undefined, correctionId: string): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE measurement SET superseded_by = $4
       WHERE run_id = $1 AND metric = $2 AND superseded_by IS NULL AND ($3::text IS NULL OR component = $3)`,
      [runId, metric, component ?? null, correctionId],
    );
    return Number(count);
  },

  async count(manager: EntityManager, runId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM measurement WHERE run_id = $1`, [runId]);
    return row.n;
  },

  async list(
    manager: EntityManager,
    runId: string,
    query: { metric?: string; includeSuperseded: boolean; afterId?: string; limit: number },
  ): Promise<MeasurementRow[]> {
    const rows = await manager.query(
      `SELECT m.*, c.reason AS correction_reason FROM measurement m LEFT JOIN measurement_correction c ON c.id = m.correction_id
       WHERE m.run_id = $1 AND ($2::text IS NULL OR m.metric = $2) AND ($3 OR m.superseded_by IS NULL) AND ($4::bigint IS NULL OR m.id > $4)
       ORDER BY m.id LIMIT $5`,
      [runId, query.metric ?? null, query.includeSuperseded, query.afterId ?? null, query.limit + 1],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: String(row.id),
      metric: row.metric as string,
      value: row.value as number,
      unit: row.unit as string,
      originalValue: row.original_value as number,
      originalUnit: row.original_unit as string,
      component: row.component as string | null,
      observedAt: row.observed_at ? new Date(row.observed_at as string).toISOString() : null,
      recordedAt: new Date(row.recorded_at as string).toISOString(),
      recordedBy: row.recorded_by as string,
      source: row.source as string,
      correctionId: row.correction_id === null ? null : String(row.correction_id),
      ...(row.correction_reason ? { correctionReason: row.correction_reason as string } : {}),
      supersededBy: row.superseded_by === null ? null : String(row.superseded_by),
    }));
  },
};
