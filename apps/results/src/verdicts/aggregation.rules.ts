import type { Comparator } from '@rackeval/contracts';

/** How a run's samples of one metric become the single figure judged against the criterion. */
export const AGGREGATIONS = ['min', 'max', 'mean', 'p50', 'p90', 'p95', 'p99', 'last'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Sustained figures are judged on the mean; ceilings (power, temperature, latency) on the worst sample. */
export const DEFAULT_AGGREGATION: Record<Comparator, Aggregation> = { gte: 'mean', lte: 'max', between: 'mean' };

/**
 * Aggregates samples given in observation order (so `last` is the latest). Percentiles use the
 * nearest-rank method: the smallest sample with at least q·n samples at or below it.
 * Returns undefined for no samples.
 */
export function aggregate(aggregation: Aggregation, samples: readonly number[]): number | undefined {
  if (!samples.length) return undefined;
  switch (aggregation) {
    case 'min':
      return samples.reduce((a, b) => (b < a ? b : a));
    case 'max':
      return samples.reduce((a, b) => (b > a ? b : a));
    case 'mean':
      return meanOf(samples);
    case 'last':
      return samples[samples.length - 1];
    case 'p50':
      return percentile(samples, 0.5);
    case 'p90':
      return percentile(samples, 0.9);
    case 'p95':
      return percentile(samples, 0.95);
    case 'p99':
      return percentile(samples, 0.99);
    default: {
      const unreachable: never = aggregation;
      throw new Error(`unknown aggregation ${String(unreachable)}`);
    }
  }
}

export function percentile(samples: readonly number[], q: number): number {
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Kahan-compensated mean, so a long run of similar samples does not drift. */
function meanOf(samples: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const value of samples) {
    const y = value - compensation;
    const t = sum + y;
    compensation = t - sum - y;
    sum = t;
  }
  return sum / samples.length;
}
