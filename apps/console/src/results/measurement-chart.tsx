import type { Criterion, Measurement } from '../api';
import { linearScale, targetBand } from './chart-scale';

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 56, right: 12, top: 12, bottom: 24 };

/**
 * One metric's samples in recording order against the criterion's target band (shaded).
 * Points outside the band are drawn as crosses so pass/fail does not rely on colour alone.
 */
export function MeasurementChart({ criterion, samples }: { criterion: Criterion; samples: Measurement[] }) {
  const band = targetBand(criterion);
  const values = samples.map((sample) => sample.value);
  const y = linearScale([...values, ...[band.low, band.high].filter((v): v is number => v !== undefined)], HEIGHT - PAD.bottom, PAD.top);
  const x = (i: number) =>
    PAD.left + (samples.length <= 1 ? (WIDTH - PAD.left - PAD.right) / 2 : (i / (samples.length - 1)) * (WIDTH - PAD.left - PAD.right));
  const top = band.high !== undefined ? y(band.high) : PAD.top;
  const bottom = band.low !== undefined ? y(band.low) : HEIGHT - PAD.bottom;
  const inBand = (v: number) => (band.low === undefined || v >= band.low) && (band.high === undefined || v <= band.high);
  const outside = values.filter((v) => !inBand(v)).length;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${criterion.metric}: ${samples.length} samples, ${outside} outside the target band`}
      >
        <rect x={PAD.left} y={top} width={WIDTH - PAD.left - PAD.right} height={Math.max(0, bottom - top)} className="chart-band" />
        {y.ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {tick}
            </text>
          </g>
        ))}
        {samples.length > 1 && <polyline points={samples.map((s, i) => `${x(i)},${y(s.value)}`).join(' ')} className="chart-line" />}
        {samples.map((sample, i) =>
          inBand(sample.value) ? (
            <circle key={sample.id} cx={x(i)} cy={y(sample.value)} r={3.5} className="chart-point-ok" />
          ) : (
            <path key={sample.id} d={`M${x(i) - 4},${y(sample.value) - 4}l8,8m0,-8l-8,8`} className="chart-point-bad" />
          ),
        )}
      </svg>
      <figcaption>
        {criterion.metric} ({criterion.unit}) — shaded: target band; {outside} of {samples.length} samples outside.
      </figcaption>
    </figure>
  );
}
