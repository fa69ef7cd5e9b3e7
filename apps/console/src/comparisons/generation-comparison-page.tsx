import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { resultsApi } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { linearScale } from '../results/chart-scale';
import { formatNumber } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { drawableBoxes, type GenerationBox } from './comparison-figures';

/** One metric across generations: distribution of the judged figure and pass rate. */
export function GenerationComparisonPage() {
  const [params, setParams] = useSearchParams();
  const metric = params.get('metric') ?? '';
  const [typed, setTyped] = useState(metric);
  const comparison = useAsync(() => (metric ? resultsApi.compareGenerations(metric) : Promise.resolve(undefined)), [metric]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(typed.trim() ? { metric: typed.trim() } : {});
  }

  const boxes = comparison.data ? drawableBoxes(comparison.data) : [];
  return (
    <section aria-labelledby="compare-gen-title" className="stack">
      <h1 id="compare-gen-title">Generations compared</h1>
      <form onSubmit={submit} className="inline-form" role="search">
        <span className="field">
          <label htmlFor="compare-metric">Metric</label>
          <input id="compare-metric" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="training.tokens_per_s" />
        </span>
        <button type="submit" className="primary">
          Compare
        </button>
      </form>
      <ErrorMessage error={comparison.error} title="Comparison" />
      {comparison.data && comparison.data.generations.length === 0 && <p className="muted">No judged runs report {metric} yet.</p>}
      {boxes.length > 0 && <DistributionChart metric={metric} boxes={boxes} />}
      {comparison.data && comparison.data.generations.length > 0 && (
        <table>
          <caption>{metric} per generation (completed runs)</caption>
          <thead>
            <tr>
              <th scope="col">Generation</th>
              <th scope="col" className="num">Runs</th>
              <th scope="col" className="num">Min</th>
              <th scope="col" className="num">p50</th>
              <th scope="col" className="num">p90</th>
              <th scope="col" className="num">Max</th>
              <th scope="col" className="num">Pass rate</th>
            </tr>
          </thead>
          <tbody>
            {comparison.data.generations.map((row) => (
              <tr key={`${row.generation}-${row.unit}`}>
                <th scope="row">{row.generation}</th>
                <td className="num">{row.runs}</td>
                <td className="num">{formatNumber(row.min)} {row.unit}</td>
                <td className="num">{formatNumber(row.p50)}</td>
                <td className="num">{formatNumber(row.p90)}</td>
                <td className="num">{formatNumber(row.max)}</td>
                <td className="num">{row.passRatePct === null ? '—' : `${row.passRatePct} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const WIDTH = 640;
const ROW = 44;
const LEFT = 64;
const RIGHT = 120;

/** Horizontal range plot: whisker min–max, box p50–p90, pass rate written at the right. */
function DistributionChart({ metric, boxes }: { metric: string; boxes: GenerationBox[] }) {
  const height = boxes.length * ROW + 28;
  const x = linearScale(boxes.flatMap((b) => [b.min, b.max]), LEFT, WIDTH - RIGHT);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Distribution of ${metric} per generation; the table below has the figures`}>
        {x.ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 20} className="chart-grid" />
            <text x={x(tick)} y={height - 6} textAnchor="middle" className="chart-label">
              {tick}
            </text>
          </g>
        ))}
        {boxes.map((box, i) => {
          const mid = i * ROW + ROW / 2;
          return (
            <g key={box.generation}>
              <text x={LEFT - 8} y={mid + 4} textAnchor="end" className="chart-label">
                {box.generation}
              </text>
              <line x1={x(box.min)} x2={x(box.max)} y1={mid} y2={mid} className="chart-whisker" />
              <rect x={x(box.p50)} y={mid - 10} width={Math.max(2, x(box.p90) - x(box.p50))} height={20} className="chart-box" />
              <line x1={x(box.p50)} x2={x(box.p50)} y1={mid - 12} y2={mid + 12} className="chart-median" />
              <text x={WIDTH - RIGHT + 8} y={mid + 4} className="chart-label">
                {box.passRatePct === null ? '' : `${box.passRatePct} % pass`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {metric} ({boxes[0].unit}): line from min to max, box from p50 to p90.
      </figcaption>
    </figure>
  );
}
