import { Link } from 'react-router-dom';
import { YGrid } from '../results/chart-grid';
import { linearScale } from '../results/chart-scale';
import type { Bar, TrendPoint } from './programme-figures';

const BAR_WIDTH = 160;
const BAR_ROW = 16;

/**
 * Counts as horizontal bars, one row each, with the count written beside: read at a glance,
 * exact on reading. Each row links to the list behind it when `href` gives one.
 */
export function BarList({ title, items, href }: { title: string; items: Bar[]; href?: (key: string) => string }) {
  if (!items.length) return <span className="muted">none</span>;
  const max = Math.max(...items.map((i) => i.count));
  return (
    <ul className="bar-list" aria-label={title}>
      {items.map((item) => {
        const label = `${item.label}: ${item.count}`;
        const body = (
          <>
            <svg width={BAR_WIDTH} height={BAR_ROW - 4} aria-hidden="true" className="bar-svg">
              <rect
                x={0}
                y={0}
                width={Math.max(2, (item.count / max) * BAR_WIDTH)}
                height={BAR_ROW - 4}
                className={`bar bar-${item.key.toLowerCase()}`}
              />
            </svg>
            <span className="bar-label">
              {item.label} <strong>{item.count}</strong>
            </span>
          </>
        );
        return (
          <li key={item.key} title={label}>
            {href ? <Link to={href(item.key)}>{body}</Link> : body}
          </li>
        );
      })}
    </ul>
  );
}

/** A share (0–100 %) as a thin bar against an optional target tick. */
export function ShareBar({ pct, targetPct, label }: { pct: number | null; targetPct?: number | null; label: string }) {
  if (pct === null) return null;
  const x = (v: number) => Math.min(100, Math.max(0, v));
  return (
    <svg width={100} height={8} viewBox="0 0 100 8" role="img" aria-label={label} className="share-bar">
      <rect x={0} y={1} width={100} height={6} className="share-track" />
      <rect x={0} y={1} width={x(pct)} height={6} className="share-fill" />
      {targetPct !== null && targetPct !== undefined && <line x1={x(targetPct)} x2={x(targetPct)} y1={0} y2={8} className="share-target" />}
    </svg>
  );
}

/** A distribution against its target band on its own small axis: whisker min–max, box p10–p90, median tick. */
export function BandPlot(props: {
  label: string;
  min: number | null;
  p10: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  low: number | null;
  high: number | null;
  domain: readonly number[];
  width?: number;
}) {
  const width = props.width ?? 180;
  const height = 22;
  const x = linearScale(props.domain, 4, width - 4);
  const [left, right] = [x(x.ticks[0]), x(x.ticks[x.ticks.length - 1])];
  const bandFrom = props.low === null ? left : x(props.low);
  const bandTo = props.high === null ? right : x(props.high);
  const drawn = props.min !== null && props.max !== null && props.p10 !== null && props.p90 !== null && props.median !== null;
  return (
    <svg width={width} height={height} role="img" aria-label={props.label} className="band-plot">
      <rect x={Math.min(bandFrom, bandTo)} y={1} width={Math.abs(bandTo - bandFrom)} height={height - 2} className="chart-band" />
      {drawn && (
        <>
          <line x1={x(props.min!)} x2={x(props.max!)} y1={height / 2} y2={height / 2} className="chart-whisker" />
          <rect x={x(props.p10!)} y={5} width={Math.max(2, x(props.p90!) - x(props.p10!))} height={height - 10} className="chart-box" />
          <line x1={x(props.median!)} x2={x(props.median!)} y1={3} y2={height - 3} className="chart-median" />
        </>
      )}
    </svg>
  );
}

const TREND_W = 640;
const TREND_H = 200;
const PAD = { left: 48, right: 16, top: 12, bottom: 28 };

/** Domestic content across generations: the mean with its min–max range per generation, and each generation's target. */
export function DomesticTrendChart({ points }: { points: TrendPoint[] }) {
  if (!points.length) return <p className="muted">No racks received yet: no domestic content to follow.</p>;
  const y = linearScale([0, 100, ...points.flatMap((p) => [p.min, p.max, p.target])], TREND_H - PAD.bottom, PAD.top);
  const step = (TREND_W - PAD.left - PAD.right) / points.length;
  const cx = (i: number) => PAD.left + step * (i + 0.5);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${cx(i)},${y(p.mean)}`).join(' ');
  return (
    <figure className="chart trend-chart">
      <svg
        viewBox={`0 0 ${TREND_W} ${TREND_H}`}
        role="img"
        aria-label="Domestic content per generation: mean, range and target; the table has the figures"
      >
        <YGrid y={y} left={PAD.left} right={TREND_W - PAD.right} suffix=" %" />
        {points.map((p, i) => (
          <g key={p.generation}>
            <line x1={cx(i)} x2={cx(i)} y1={y(p.min)} y2={y(p.max)} className="chart-whisker" />
            <line x1={cx(i) - step * 0.3} x2={cx(i) + step * 0.3} y1={y(p.target)} y2={y(p.target)} className="chart-target" />
            <circle cx={cx(i)} cy={y(p.mean)} r={4} className={p.mean >= p.target ? 'chart-point-ok' : 'chart-point-bad'} />
            <text x={cx(i)} y={TREND_H - 8} textAnchor="middle" className="chart-label">
              {p.generation}
            </text>
          </g>
        ))}
        <path d={line} className="chart-line" />
      </svg>
      <figcaption>
        Mean domestic content (dot, green when at or above target), range min–max (line) and the generation's target (dashed).
      </figcaption>
    </figure>
  );
}
