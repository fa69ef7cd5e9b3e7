/**
 * Min/max downsampling per time bucket, as plotting libraries do (M4-like): the run's time span is
 * cut into `buckets` equal intervals and each non-empty one keeps its lowest and highest value,
 * their mean, the number of samples and the times of its first and last sample. Drawing a line
 * through each bucket's min and max shows every spike a full plot would show, at a fixed cost.
 * The repository computes the same in SQL; this is the definition (and the test oracle).
 */
export interface Point {
  /** ms since the epoch */
  t: number;
  value: number;
}

export interface Bucket {
  index: number;
  from: number;
  to: number;
  min: number;
  max: number;
  mean: number;
  count: number;
  first: number;
  last: number;
}

/** The bucket of `t` in [lo, hi] cut into n: the last bucket holds hi itself. */
export function bucketIndex(t: number, lo: number, hi: number, n: number): number {
  if (hi <= lo) return 0;
  return Math.min(n - 1, Math.floor(((t - lo) / (hi - lo)) * n));
}

export function downsample(points: readonly Point[], buckets: number): Bucket[] {
  if (!points.length) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.t);
    hi = Math.max(hi, p.t);
  }
  const width = (hi - lo) / buckets;
  const byIndex = new Map<number, Bucket & { sum: number }>();
  for (const p of points) {
    const index = bucketIndex(p.t, lo, hi, buckets);
    const b = byIndex.get(index);
    if (!b) {
      byIndex.set(index, {
        index,
        from: lo + index * width,
        to: hi <= lo ? hi : lo + (index + 1) * width,
        min: p.value,
        max: p.value,
        mean: p.value,
        count: 1,
        first: p.t,
        last: p.t,
        sum: p.value,
      });
      continue;
    }
    b.min = Math.min(b.min, p.value);
    b.max = Math.max(b.max, p.value);
    b.count += 1;
    b.sum += p.value;
    b.first = Math.min(b.first, p.t);
    b.last = Math.max(b.last, p.t);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index).map(({ sum, ...b }) => ({ ...b, mean: sum / b.count }));
}
