import type { OptionValue, ValueFigure } from '../api';
import { DataTable } from '../shared/data-table';
import { formatMoney, formatNumber, formatPct } from '../shared/format';

type Kind = 'money' | 'ratio' | 'number' | 'pct';

const ROWS: Array<[label: string, key: keyof OptionValue & string, kind: Kind]> = [
  ['Price', 'price', 'money'],
  ['Measured performance', 'performance', 'number'],
  ['Power in that run', 'power', 'number'],
  ['Price per performance unit', 'pricePerPerformanceUnit', 'ratio'],
  ['Energy cost over horizon', 'energyCost', 'money'],
  ['TCO', 'tco', 'money'],
  ['TCO per performance unit', 'tcoPerPerformanceUnit', 'ratio'],
  ['BOM cost', 'bomCost', 'money'],
  ['Margin over BOM', 'margin', 'money'],
  ['Domestic content', 'domesticContent', 'pct'],
];

/** The cost verdict in a word, for the queue and the option page. */
export function costVerdictLabel(value: Pick<OptionValue, 'status' | 'costVerdict'>): string {
  if (value.costVerdict === 'MEETS') return 'meets cost';
  if (value.costVerdict === 'MISSES') return 'misses cost';
  return value.status === 'NO_TARGETS' ? 'no cost targets' : 'cost not judged yet';
}

export const costVerdictClass = (value: Pick<OptionValue, 'costVerdict'>) =>
  value.costVerdict === 'MEETS' ? 'ok' : value.costVerdict === 'MISSES' ? 'warn' : 'muted';

/** The value section: each figure against its cost target, and the one cost verdict naming the targets missed. */
export function OptionValueSection({ value }: { value: OptionValue }) {
  return (
    <section className="card" aria-labelledby="value-title">
      <h2 id="value-title">Value</h2>
      <p>
        Cost verdict: <strong className={costVerdictClass(value)}>{costVerdictLabel(value)}</strong>
        {value.costTargetsVersion !== null && <span className="muted"> (cost targets v{value.costTargetsVersion})</span>}
      </p>
      {value.missedTargets.length > 0 && <p className="warn">Targets missed: {value.missedTargets.join(', ')}</p>}
      {value.unjudgedTargets.length > 0 && (
        <ul className="muted" aria-label="Targets not judged">
          {value.unjudgedTargets.map((u) => (
            <li key={u.target}>
              {u.target}: {u.reason}
            </li>
          ))}
        </ul>
      )}
      <DataTable columns={['Figure', 'Value', 'Target', 'Met']}>
        {ROWS.map(([label, key, kind]) => {
          const figure = value[key] as ValueFigure;
          return (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>
                {figure.value === null ? <span className="muted">{figure.missing ?? '—'}</span> : show(figure.value, figure.unit, kind)}
              </td>
              <td>{figure.target === null ? '—' : `${kind === 'pct' ? '≥' : '≤'} ${show(figure.target, figure.unit, kind)}`}</td>
              <td>{figure.met === null ? '—' : <span className={figure.met ? 'ok' : 'warn'}>{figure.met ? 'met' : 'missed'}</span>}</td>
            </tr>
          );
        })}
      </DataTable>
      {value.tcoBasis && <p className="muted">TCO = {value.tcoBasis}</p>}
      <p className="muted">Rounding: {value.rounding}</p>
    </section>
  );
}

function show(amount: string, unit: string, kind: Kind): string {
  if (kind === 'money') return formatMoney(amount, unit);
  if (kind === 'pct') return formatPct(amount);
  return `${formatNumber(amount, kind === 'ratio' ? 6 : 2)} ${unit}`;
}
