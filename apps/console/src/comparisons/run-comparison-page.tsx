import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { resultsApi, type RunComparison } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, num } from '../shared/data-table';
import { formatNumber } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { signedPct } from './comparison-figures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Two runs side by side, every metric with the difference (right − left). */
export function RunComparisonPage() {
  const [params, setParams] = useSearchParams();
  const left = params.get('left') ?? '';
  const right = params.get('right') ?? '';
  const [typed, setTyped] = useState({ left, right });
  const ready = UUID.test(left) && UUID.test(right);
  const comparison = useAsync(() => (ready ? resultsApi.compareRuns(left, right) : Promise.resolve(undefined)), [left, right]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams({ left: typed.left.trim(), right: typed.right.trim() });
  }

  return (
    <section aria-labelledby="compare-runs-title" className="stack">
      <h1 id="compare-runs-title">Run vs run</h1>
      <form onSubmit={submit} className="inline-form">
        <span className="field">
          <label htmlFor="left-run">Left run id</label>
          <input id="left-run" value={typed.left} onChange={(e) => setTyped({ ...typed, left: e.target.value })} size={38} />
        </span>
        <span className="field">
          <label htmlFor="right-run">Right run id</label>
          <input id="right-run" value={typed.right} onChange={(e) => setTyped({ ...typed, right: e.target.value })} size={38} />
        </span>
        <button type="submit" className="primary">
          Compare
        </button>
      </form>
      {(left || right) && !ready && <p className="warn">Both run ids must be full run ids (as in a run page's address).</p>}
      <ErrorMessage error={comparison.error} title="Comparison" />
      {comparison.data && <ComparisonTable comparison={comparison.data} />}
    </section>
  );
}

function ComparisonTable({ comparison }: { comparison: RunComparison }) {
  const side = (s: RunComparison['left']) => (
    <>
      <Link to={`/runs/${s.runId}`}>
        {s.rackSerial} {s.suite} #{s.attempt}
      </Link>{' '}
      <span className="muted">({s.generation})</span>
    </>
  );
  return (
    <DataTable
      caption={
        <>
          Left: {side(comparison.left)} — right: {side(comparison.right)}
        </>
      }
      columns={['Metric', num('Left mean'), num('Right mean'), num('Difference'), 'Relative', 'Verdicts']}
    >
      {comparison.metrics.map((row) => {
        const pct = row.difference?.meanPct ?? null;
        return (
          <tr key={row.metric}>
            <th scope="row">{row.metric}</th>
            <td className="num">{row.left ? `${formatNumber(row.left.mean, 3)} ${row.left.unit}` : '—'}</td>
            <td className="num">{row.right ? `${formatNumber(row.right.mean, 3)} ${row.right.unit}` : '—'}</td>
            <td className="num">{row.difference ? `${formatNumber(row.difference.mean, 3)} ${row.difference.unit}` : '—'}</td>
            <td>
              <DiffBar pct={pct} />
            </td>
            <td>
              {row.left?.result ?? '—'} / {row.right?.result ?? '—'}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** A small diverging bar: right of centre when the right run is higher. */
function DiffBar({ pct }: { pct: number | null }) {
  const clamped = pct === null ? 0 : Math.max(-50, Math.min(50, pct));
  const width = Math.abs(clamped);
  return (
    <span className="diff">
      <svg viewBox="0 0 100 10" width="100" height="10" aria-hidden="true">
        <line x1="50" x2="50" y1="0" y2="10" className="chart-grid" />
        <rect x={clamped < 0 ? 50 - width : 50} y="1" width={width} height="8" className={clamped < 0 ? 'diff-down' : 'diff-up'} />
      </svg>{' '}
      {signedPct(pct)}
    </span>
  );
}
