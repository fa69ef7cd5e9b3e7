import type { Criterion, MetricSeries } from '../api';
import { YGrid } from './chart-grid';
import { inBandOf, linearScale, targetBand } from './chart-scale';

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 56, right: 12, top: 12, bottom: 24 };
/** About one bucket per two pixels of the plot: as fine as a person can see. */
export const CHART_BUCKETS = Math.floor((WIDTH - PAD.left - PAD.right) / 2);

type Bucket = MetricSeries['buckets'][number];

/**
 * Samples outside the band, from buckets: exact when every bucket lies wholly inside or wholly
 * outside the band (always so for buckets of one sample), otherwise a lower bound.
 */
export function outsideOf(buckets: readonly Bucket[], band: { low?: number; high?: number }): { count: number; exact: boolean } {
  const inBand = inBandOf(band);
  let count = 0;
  let exact = true;
  for (const b of buckets) {
    const lowIn = inBand(b.min);
    const highIn = inBand(b.max);
    if (lowIn && highIn) continue;
    const straddles = b.min < (band.low ?? -Infinity) && b.max > (band.high ?? Infinity);
    if (!lowIn && !highIn && !straddles) count += b.count;
    else {
      count += straddles ? 2 : 1;
      exact &&= b.count === (straddles ? 2 : 1);
    }
  }
  return { count, exact };
}

/**
 * One metric over the run's time, downsampled on the server: for each time bucket a vertical bar
 * from its lowest to its highest sample (so no spike is lost) and a line through the means,
 * against the criterion's target band. Buckets reaching outside the band are drawn as crosses.
 */
export function SeriesChart({ criterion, series }: { criterion: Criterion; series: MetricSeries | undefined }) {
  const band = targetBand(criterion);
  const buckets = series?.buckets ?? [];
  const samples = series?.samples ?? 0;
  const values = buckets.flatMap((b) => [b.min, b.max]);
  const y = linearScale([...values, ...[band.low, band.high].filter((v): v is number => v !== undefined)], HEIGHT - PAD.bottom, PAD.top);
  const start = series?.from ? Date.parse(series.from) : 0;
  const end = series?.to ? Date.parse(series.to) : 0;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const x = (b: Bucket) => {
    if (end <= start) return PAD.left + plotWidth / 2;
    const mid = (Date.parse(b.first) + Date.parse(b.last)) / 2;
    return PAD.left + ((mid - start) / (end - start)) * plotWidth;
  };
  const top = band.high !== undefined ? y(band.high) : PAD.top;
  const bottom = band.low !== undefined ? y(band.low) : HEIGHT - PAD.bottom;
  const inBand = inBandOf(band);
  const outside = outsideOf(buckets, band);
  const outsideText = `${outside.exact ? '' : 'at least '}${outside.count}`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${criterion.metric}: ${samples} samples, ${outsideText} outside the target band`}
      >
        <rect x={PAD.left} y={top} width={plotWidth} height={Math.max(0, bottom - top)} className="chart-band" />
        <YGrid y={y} left={PAD.left} right={WIDTH - PAD.right} />
        {buckets.map((b) => (
          <line key={`r${b.index}`} x1={x(b)} x2={x(b)} y1={y(b.min)} y2={y(b.max)} className="chart-line" />
        ))}
        {buckets.length > 1 && <polyline points={buckets.map((b) => `${x(b)},${y(b.mean)}`).join(' ')} className="chart-line" />}
        {buckets.map((b) =>
          inBand(b.min) && inBand(b.max) ? (
            b.count === 1 && <circle key={b.index} cx={x(b)} cy={y(b.mean)} r={3.5} className="chart-point-ok" />
          ) : (
            <path key={b.index} d={`M${x(b) - 4},${y(inBand(b.max) ? b.min : b.max) - 4}l8,8m0,-8l-8,8`} className="chart-point-bad" />
          ),
        )}
      </svg>
      <figcaption>
        {criterion.metric} ({criterion.unit}) — shaded: target band; {outsideText} of {samples} samples outside
        {samples > buckets.length ? `; ${buckets.length} time buckets, each drawn from its lowest to its highest sample` : ''}.
      </figcaption>
    </figure>
  );
}
