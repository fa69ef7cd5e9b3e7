/** A linear scale from data values to pixels, as small charts need it. */
export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** Round step (1, 2 or 5 × 10^n) giving about `count` ticks across the domain. */
export function niceStep(span: number, count = 5): number {
  if (span <= 0 || !Number.isFinite(span)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  return (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude;
}

/** Maps [min, max] (widened to round ticks) onto [from, to] pixels; `to` may be below `from` for a y axis. */
export function linearScale(values: readonly number[], from: number, to: number): Scale {
  const finite = values.filter(Number.isFinite);
  let low = finite.length ? Math.min(...finite) : 0;
  let high = finite.length ? Math.max(...finite) : 1;
  if (low === high) {
    const pad = Math.abs(low) * 0.1 || 1;
    low -= pad;
    high += pad;
  }
  const step = niceStep(high - low);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const scale = ((value: number) => from + ((value - low) / (high - low)) * (to - from)) as Scale;
  const ticks: number[] = [];
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  scale.ticks = ticks;
  return scale;
}

/** Whether a value lies in a band (its open ends allow anything). */
export const inBandOf =
  (band: { low?: number; high?: number }) =>
  (value: number): boolean =>
    (band.low === undefined || value >= band.low) && (band.high === undefined || value <= band.high);

/** The band a criterion allows, with open ends where it has none. */
export function targetBand(criterion: { comparator: string; min?: number; max?: number }): { low?: number; high?: number } {
  switch (criterion.comparator) {
    case 'gte':
      return { low: criterion.min };
    case 'lte':
      return { high: criterion.max };
    default:
      return { low: criterion.min, high: criterion.max };
  }
}
