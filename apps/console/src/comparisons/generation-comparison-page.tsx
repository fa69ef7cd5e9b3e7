import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { purchaseOptionApi, resultsApi } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { XGrid } from '../results/chart-grid';
import { linearScale } from '../results/chart-scale';
import { DataTable, num } from '../shared/data-table';
import { formatMoney, formatNumber, formatPct } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { drawableBoxes, type GenerationBox } from './comparison-figures';
import { metricsAcross, MetricBandChart, MetricTable } from './criteria-side-by-side';

/** Results' and purchase-option's programme figures; either may be missing when its service does not answer. */
async function loadSideBySide() {
  const [results, options] = await Promise.allSettled([resultsApi.programme(), purchaseOptionApi.programme()]);
  if (results.status === 'rejected') throw results.reason;
  return {
    results: results.value,
    options: options.status === 'fulfilled' ? options.value : undefined,
    optionsError: options.status === 'rejected' ? options.reason : undefined,
  };
}

/**
 * Generations compared, filled on arrival: every criterion's measured distribution against each
 * generation's target band, with price, TCO per performance unit, yield and time to verdict beside.
 * Any other metric can still be looked up below.
 */
export function GenerationComparisonPage() {
  const sideBySide = useAsync(loadSideBySide, []);
  const metrics = sideBySide.data ? metricsAcross(sideBySide.data.results.generations) : [];
  return (
    <section aria-labelledby="compare-gen-title" className="stack">
      <h1 id="compare-gen-title">Generations compared</h1>
      <ErrorMessage error={sideBySide.error} title="Comparison" />
      {sideBySide.loading && !sideBySide.data && <p aria-busy="true">Loading the generations…</p>}
      {sideBySide.data && (
        <>
          <ValueAndTime data={sideBySide.data} />
          <ErrorMessage error={sideBySide.data.optionsError} title="Price and TCO" />
          <h2>Acceptance criteria, measured against target</h2>
          {metrics.length === 0 && <p className="muted">No generation has acceptance criteria yet.</p>}
          <div className="metric-grid">
            {metrics.map((m) => (
              <div key={m.metric} className="stack">
                <MetricBandChart {...m} />
                <MetricTable metric={m.metric} rows={m.rows} />
              </div>
            ))}
          </div>
        </>
      )}
      <AnyMetricComparison />
    </section>
  );
}

/** Price, TCO per performance unit, yield and time to verdict per generation. */
function ValueAndTime({ data }: { data: Awaited<ReturnType<typeof loadSideBySide>> }) {
  const codes = [
    ...new Set([...data.results.generations.map((g) => g.generation), ...(data.options?.generations.map((g) => g.generation) ?? [])]),
  ].sort();
  return (
    <DataTable
      className="comparison-side"
      caption="Value, yield and time to verdict"
      columns={[
        'Generation',
        num('Price'),
        num('TCO per performance unit (median)'),
        'Cost verdicts met',
        'First-pass yield',
        'Evaluation pass rate',
        num('Delivery → verdict (median)'),
      ]}
    >
      {codes.map((code) => {
        const r = data.results.generations.find((g) => g.generation === code);
        const o = data.options?.generations.find((g) => g.generation === code);
        const tco = o?.value?.tcoPerPerformanceUnit;
        return (
          <tr key={code} id={`generation-${code}`}>
            <th scope="row">{code}</th>
            <td className="num">{o?.price ? formatMoney(o.price.unitPrice, o.price.currency) : '—'}</td>
            <td className="num">
              {tco?.median ? `${formatNumber(tco.median)} ${o!.value!.currency}/${o!.value!.performanceUnit ?? 'unit'}` : '—'}
              {tco?.target ? <span className="muted"> (target ≤ {formatNumber(tco.target)})</span> : null}
            </td>
            <td>{o?.value ? formatPct(o.value.costVerdictPassRatePct) : '—'}</td>
            <td>{r ? formatPct(r.firstPassYield.pct) : '—'}</td>
            <td>{r ? formatPct(r.evaluations.passRatePct) : '—'}</td>
            <td className="num">{o?.daysToVerdict.medianDays != null ? `${formatNumber(o.daysToVerdict.medianDays, 1)} d` : '—'}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** Any metric, criterion or not: the distribution of its judged figure and pass rate. */
function AnyMetricComparison() {
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
    <section aria-labelledby="any-metric-title" className="stack">
      <h2 id="any-metric-title">Any other metric</h2>
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
        <DataTable
          caption={`${metric} per generation (completed runs)`}
          columns={['Generation', num('Runs'), num('Min'), num('p50'), num('p90'), num('Max'), num('Pass rate')]}
        >
          {comparison.data.generations.map((row) => (
            <tr key={`${row.generation}-${row.unit}`}>
              <th scope="row">{row.generation}</th>
              <td className="num">{row.runs}</td>
              <td className="num">
                {formatNumber(row.min)} {row.unit}
              </td>
              <td className="num">{formatNumber(row.p50)}</td>
              <td className="num">{formatNumber(row.p90)}</td>
              <td className="num">{formatNumber(row.max)}</td>
              <td className="num">{row.passRatePct === null ? '—' : `${row.passRatePct} %`}</td>
            </tr>
          ))}
        </DataTable>
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
  const x = linearScale(
    boxes.flatMap((b) => [b.min, b.max]),
    LEFT,
    WIDTH - RIGHT,
  );
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Distribution of ${metric} per generation; the table below has the figures`}
      >
        <XGrid x={x} height={height} />
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
