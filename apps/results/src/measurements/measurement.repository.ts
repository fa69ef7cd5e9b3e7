import { CopyStream } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import { BinaryTuples } from './binary-copy';

/** Who wrote a batch and how: the same on every row of it. */
export interface MeasurementStamp {
  actor: string;
  source: 'api' | 'ocptv';
  correctionId?: string;
}

const COPY_COLUMNS = [
  'run_id',
  'metric',
  'value',
  'unit',
  'original_value',
  'original_unit',
  'component',
  'observed_at',
  'recorded_by',
  'source',
  'correction_id',
];

/**
 * Admitted measurements as tuples of binary COPY, ready for one `COPY measurement … FROM STDIN
 * (FORMAT binary)`. The values are those the text COPY stored before: the same doubles (-0 as 0,
 * as `String(-0)` wrote it), `observedAt` to the microsecond as PostgreSQL reads its text, NULL
 * where it wrote `\N`.
 */
export class MeasurementRows {
  private readonly tuples = new BinaryTuples();
  private count = 0;
  private readonly counts: Record<string, number> = {};
  /** The field count and run id, the same on every tuple. */
  private readonly head: Buffer;
  /** recorded_by, source and correction_id, the same on every tuple. */
  private readonly tail: Buffer;

  constructor(runId: string, stamp: MeasurementStamp) {
    const fixed = new BinaryTuples(256);
    this.head = fixed.tuple(COPY_COLUMNS.length).uuid(runId).take();
    const correction = stamp.correctionId === undefined ? undefined : BigInt(stamp.correctionId);
    this.tail = fixed.text(stamp.actor).text(stamp.source).int8(correction).take();
  }

  get length(): number {
    return this.count;
  }

  push(
    metric: string,
    value: number,
    unit: string,
    originalValue: number,
    originalUnit: string,
    component?: string | null,
    observedAt?: string | null,
  ): void {
    this.tuples
      .raw(this.head)
      .text(metric)
      .float8(value === 0 ? 0 : value)
      .text(unit)
      .float8(originalValue === 0 ? 0 : originalValue)
      .text(originalUnit)
      .text(component)
      .timestamptz(observedAt)
      .raw(this.tail);
    this.count += 1;
    this.counts[metric] = (this.counts[metric] ?? 0) + 1;
  }

  /** Counts per metric, for the response. */
  countByMetric(): Record<string, number> {
    return { ...this.counts };
  }

  /** Hands over the tuples gathered so far (rows keep being counted). */
  take(): Buffer {
    return this.tuples.take();
  }

  /** A binary COPY into `measurement` left open in the transaction, fed with `take()` while rows are still produced. */
  static openCopy(manager: EntityManager): Promise<CopyStream> {
    return CopyStream.open(manager, 'measurement', COPY_COLUMNS, { format: 'binary' });
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
  async createCorrection(
    manager: EntityManager,
    runId: string,
    c: { metric: string; component?: string; reason: string; actor: string },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO measurement_correction (run_id, metric, component, reason, actor) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [runId, c.metric, c.component ?? null, c.reason, c.actor],
    );
    return String(row.id);
  },

  /** Marks the current values of a metric superseded; their values stay as written. */
  async supersede(
    manager: EntityManager,
    runId: string,
    metric: string,
    component: string | undefined,
    correctionId: string,
  ): Promise<number> {
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

  /**
   * The statement a page of a run's measurements runs: only the conditions asked for, so the
   * planner always sees `run_id = $1 [AND id > $n] ORDER BY id` — a range of (run_id, id).
   */
  listQuery(runId: string, query: { metric?: string; includeSuperseded: boolean; afterId?: string; limit: number }): [string, unknown[]] {
    const parameters: unknown[] = [runId];
    const where = ['m.run_id = $1'];
    if (query.afterId !== undefined) where.push(`m.id > $${parameters.push(query.afterId)}::bigint`);
    if (query.metric !== undefined) where.push(`m.metric = $${parameters.push(query.metric)}`);
    if (!query.includeSuperseded) where.push('m.superseded_by IS NULL');
    const limit = `$${parameters.push(query.limit + 1)}`;
    return [
      `SELECT m.*, c.reason AS correction_reason FROM measurement m LEFT JOIN measurement_correction c ON c.id = m.correction_id
       WHERE ${where.join(' AND ')} ORDER BY m.id LIMIT ${limit}`,
      parameters,
    ];
  },

  async list(
    manager: EntityManager,
    runId: string,
    query: { metric?: string; includeSuperseded: boolean; afterId?: string; limit: number },
  ): Promise<MeasurementRow[]> {
    const rows = await manager.query(...MeasurementRepository.listQuery(runId, query));
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
