import type { EntityManager } from 'typeorm';
import type { Bucket } from './downsample';

export interface SeriesResult {
  unit: string | null;
  samples: number;
  from: number | null;
  to: number | null;
  buckets: Bucket[];
}

/**
 * Min/max per time bucket of a run's current samples of one metric, computed in PostgreSQL (same
 * definition as `downsample`): a sample's time is when it was observed, or recorded if the
 * harness gave none. One pass over the (run_id, metric) index; nothing per sample leaves the database.
 */
export const SeriesRepository = {
  async downsample(manager: EntityManager, runId: string, metric: string, buckets: number, component?: string): Promise<SeriesResult> {
    const rows: Array<{ unit: string | null; samples: string; lo: number | null; hi: number | null; buckets: Bucket[] | null }> =
      await manager.query(
        `WITH s AS (
         SELECT extract(epoch FROM coalesce(observed_at, recorded_at)) * 1000 AS t, value, unit
           FROM measurement
          WHERE run_id = $1 AND metric = $2 AND superseded_by IS NULL AND ($4::text IS NULL OR component = $4)
       ), span AS (SELECT min(t) AS lo, max(t) AS hi, count(*) AS samples, min(unit) AS unit FROM s),
       b AS (
         SELECT CASE WHEN span.hi <= span.lo THEN 0 ELSE LEAST($3 - 1, floor((s.t - span.lo) / (span.hi - span.lo) * $3))::int END AS index,
                min(s.value) AS min, max(s.value) AS max, avg(s.value) AS mean, count(*)::int AS count, min(s.t) AS first, max(s.t) AS last
           FROM s, span GROUP BY 1
       )
       SELECT span.unit, span.samples, span.lo::float8 AS lo, span.hi::float8 AS hi,
              (SELECT json_agg(json_build_object(
                        'index', b.index,
                        'from', span.lo + b.index * (span.hi - span.lo) / $3,
                        'to', CASE WHEN span.hi <= span.lo THEN span.hi ELSE span.lo + (b.index + 1) * (span.hi - span.lo) / $3 END,
                        'min', b.min, 'max', b.max, 'mean', b.mean, 'count', b.count, 'first', b.first, 'last', b.last) ORDER BY b.index)
                 FROM b) AS buckets
         FROM span`,
        [runId, metric, buckets, component ?? null],
      );
    const row = rows[0];
    const num = (v: unknown) => Number(v);
    return {
      unit: row?.unit ?? null,
      samples: Number(row?.samples ?? 0),
      from: row?.lo ?? null,
      to: row?.hi ?? null,
      buckets: (row?.buckets ?? []).map((b) => ({
        index: b.index,
        from: num(b.from),
        to: num(b.to),
        min: num(b.min),
        max: num(b.max),
        mean: num(b.mean),
        count: b.count,
        first: num(b.first),
        last: num(b.last),
      })),
    };
  },
};
