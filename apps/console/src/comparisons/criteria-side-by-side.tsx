import type { CriterionFigures } from '../api';
import { XGrid } from '../results/chart-grid';
import { linearScale } from '../results/chart-scale';
import { DataTable, num } from '../shared/data-table';
import { formatNumber, formatPct } from '../shared/format';

export interface MetricRow {
  generation: string;
  criterion: CriterionFigures;
}

/** Per metric, every generation that judges it: the metrics in first-seen order. */
export function metricsAcross(
  generations: ReadonlyArray<{ generation: string; criteria: CriterionFigures[] }>,
): Array<{ metric: string; unit: string; rows: MetricRow[] }> {
  const metrics = new Map<string, { metric: string; unit: string; rows: MetricRow[] }>();
  for (const { generation, criteria } of generations) {
    for (const criterion of criteria) {
      const entry = metrics.get(criterion.metric) ?? { metric: criterion.metric, unit: criterion.unit, rows: [] };
      entry.rows.push({ generation, criterion });
      metrics.set(criterion.metric, entry);
    }
  }
  return [...metrics.values()];
}

/** The band a criterion's target allows, in words. */
export function bandInWords(c: Pick<CriterionFigures, 'comparator' | 'targetMin' | 'targetMax' | 'unit'>): string {
  if (c.comparator === 'gte') return `≥ ${formatNumber(c.targetMin)} ${c.unit}`;
  if (c.comparator === 'lte') return `≤ ${formatNumber(c.targetMax)} ${c.unit}`;
  return `${formatNumber(c.targetMin)}–${formatNumber(c.targetMax)} ${c.unit}`;
}

const WIDTH = 640;
const ROW = 40;
const LEFT = 64;
const RIGHT = 132;

/** One metric, generations as rows on one axis: the target band shaded per generation, whisker min–max, box p10–p90, median. */
export function MetricBandChart({ metric, unit, rows }: { metric: string; unit: string; rows: MetricRow[] }) {
  const height = rows.length * ROW + 28;
  const domain = rows.flatMap(({ criterion: c }) => [c.min, c.max, c.targetMin, c.targetMax]).filter((v): v is number => v !== null);
  const x = linearScale(domain, LEFT, WIDTH - RIGHT);
  const [left, right] = [x(x.ticks[0]), x(x.ticks[x.ticks.length - 1])];
  return (
    <figure className="chart" id={`metric-${encodeURIComponent(metric)}`}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${metric} per generation against each target band; the table beside has the figures`}
      >
        <XGrid x={x} height={height} />
        {rows.map(({ generation, criterion: c }, i) => {
          const mid = i * ROW + ROW / 2;
          const from = c.targetMin === null ? left : x(c.targetMin);
          const to = c.targetMax === null ? right : x(c.targetMax);
          const drawn = c.min !== null && c.max !== null && c.p10 !== null && c.p90 !== null && c.median !== null;
          return (
            <g key={generation}>
              <rect x={Math.min(from, to)} y={mid - 16} width={Math.abs(to - from)} height={32} className="chart-band" />
              <text x={LEFT - 8} y={mid + 4} textAnchor="end" className="chart-label">
                {generation}
              </text>
              {drawn ? (
                <>
                  <line x1={x(c.min!)} x2={x(c.max!)} y1={mid} y2={mid} className="chart-whisker" />
                  <rect x={x(c.p10!)} y={mid - 9} width={Math.max(2, x(c.p90!) - x(c.p10!))} height={18} className="chart-box" />
                  <line x1={x(c.median!)} x2={x(c.median!)} y1={mid - 12} y2={mid + 12} className="chart-median" />
                </>
              ) : (
                <text x={LEFT + 6} y={mid + 4} className="chart-label">
                  not judged yet
                </text>
              )}
              <text x={WIDTH - RIGHT + 8} y={mid + 4} className="chart-label">
                {c.passRatePct === null ? '' : `${c.passRatePct} % pass (${c.judged})`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {metric} ({unit}): shaded the target band, line min–max, box p10–p90, bar the median.
      </figcaption>
    </figure>
  );
}

/** The same figures as a table, for reading and for screen readers. */
export function MetricTable({ metric, rows }: { metric: string; rows: MetricRow[] }) {
  return (
    <DataTable caption={metric} columns={['Generation', 'Target', num('p10'), num('Median'), num('p90'), num('Failed'), 'Pass rate']}>
      {rows.map(({ generation, criterion: c }) => (
        <tr key={generation}>
          <th scope="row">{generation}</th>
          <td>{bandInWords(c)}</td>
          <td className="num">{formatNumber(c.p10)}</td>
          <td className="num">{formatNumber(c.median)}</td>
          <td className="num">{formatNumber(c.p90)}</td>
          <td className="num">
            {c.failed} / {c.judged}
          </td>
          <td>{formatPct(c.passRatePct)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
