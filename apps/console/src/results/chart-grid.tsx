import type { Scale } from './chart-scale';

/** Vertical grid lines at the scale's ticks, each labelled under the plot; `height` is the chart's. */
export function XGrid({ x, height }: { x: Scale; height: number }) {
  return x.ticks.map((tick) => (
    <g key={tick}>
      <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 20} className="chart-grid" />
      <text x={x(tick)} y={height - 6} textAnchor="middle" className="chart-label">
        {tick}
      </text>
    </g>
  ));
}

/** Horizontal grid lines from `left` to `right` at the scale's ticks, each labelled at the left (`suffix` after the figure). */
export function YGrid({ y, left, right, suffix }: { y: Scale; left: number; right: number; suffix?: string }) {
  return y.ticks.map((tick) => (
    <g key={tick}>
      <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
      <text x={left - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
        {tick}
        {suffix}
      </text>
    </g>
  ));
}
