import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Finding, FindingState } from '../api';
import { GenerationSelect } from '../shared/generation-select';
import { useAsync } from '../shared/use-async';
import { findingsApi } from './findings-api';
import { reportPagePath } from './findings-report';
import { classLabel, countByClassAndState, groupLabel, STATE_LABELS } from './finding-words';

/** What the list below the board shows: one cell of the board, or one group of similar findings. */
type Pick = { failureClass: string; state: FindingState } | { groupKey: string; label: string };

/**
 * Findings by failure class and state across racks, filtered by generation and lot (?generation=&lot=);
 * a cell lists its findings, the groups show what recurs, and a generation's report prints for the manufacturer.
 */
export function FindingsBoardPage() {
  const [params, setParams] = useSearchParams();
  const generation = params.get('generation') ?? '';
  const lot = params.get('lot') ?? '';
  const [typedLot, setTypedLot] = useState(lot);
  const [cell, setCell] = useState<Pick>();
  const board = useAsync(
    () => Promise.all([findingsApi.classes(), findingsApi.list({ generation, lot }), findingsApi.groups({ generation, lot })]),
    [generation, lot],
  );
  const filterBy = (change: { generation?: string; lot?: string }) => {
    const next = { generation, lot, ...change };
    setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value)));
    setCell(undefined);
  };
  if (board.error) return <p role="alert">Could not load findings: {String((board.error as Error).message ?? board.error)}</p>;
  if (!board.data) return <p>Loading findings…</p>;
  const [{ classes, states }, page, groups] = board.data;
  const table = countByClassAndState(page.items, classes);
  const picked = !cell
    ? page.items
    : 'groupKey' in cell
      ? page.items.filter((f) => f.groupKey === cell.groupKey)
      : page.items.filter((f) => (f.failureClass ?? '') === cell.failureClass && f.state === cell.state);
  const title = !cell
    ? 'All findings'
    : 'groupKey' in cell
      ? cell.label
      : `${classLabel(cell.failureClass || null)} · ${STATE_LABELS[cell.state]}`;
  return (
    <section aria-labelledby="findings-title">
      <div className="page-head">
        <h1 id="findings-title">Findings</h1>
        {generation ? (
          <Link to={reportPagePath({ generation, lot: lot || undefined })}>
            Printable report for the manufacturer ({generation}
            {lot ? `, lot ${lot}` : ''})
          </Link>
        ) : (
          <span className="muted">Choose a generation for a printable report.</span>
        )}
      </div>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          filterBy({ lot: typedLot.trim() });
        }}
      >
        <GenerationSelect
          id="findings-generation"
          label="Generation"
          allowAll
          value={generation}
          onChange={(value) => filterBy({ generation: value })}
        />
        <span className="field">
          <label htmlFor="findings-lot">Lot</label>
          <input id="findings-lot" value={typedLot} placeholder="All lots" onChange={(e) => setTypedLot(e.target.value)} />
        </span>
        <button type="submit">Filter</button>
      </form>
      <table aria-label="Findings by class and state">
        <thead>
          <tr>
            <th scope="col">Failure class</th>
            {states.map((state) => (
              <th scope="col" key={state}>
                {STATE_LABELS[state]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((failureClass) => (
            <tr key={failureClass || 'unclassified'}>
              <th scope="row">{classLabel(failureClass || null)}</th>
              {states.map((state) => {
                const n = table.count(failureClass, state);
                return (
                  <td key={state}>
                    {n ? (
                      <button
                        type="button"
                        aria-label={`${n} ${classLabel(failureClass || null)} ${STATE_LABELS[state]}`}
                        onClick={() => setCell({ failureClass, state })}
                      >
                        {n}
                      </button>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <FindingList findings={picked} title={title} onClear={cell && (() => setCell(undefined))} />
      <h2>Recurring problems</h2>
      <ul aria-label="Similar findings">
        {groups.items
          .filter((g) => g.count > 1)
          .map((g) => {
            const label = groupLabel(g);
            return (
              <li key={g.groupKey}>
                <strong>{g.count}</strong> × {label} — {g.racks} racks,{' '}
                {g.generations.map((l) => `${l.generation}${l.lot ? ` lot ${l.lot}` : ''}: ${l.count}`).join(', ')}{' '}
                <button type="button" onClick={() => setCell({ groupKey: g.groupKey, label })}>
                  Show these
                </button>
              </li>
            );
          })}
      </ul>
    </section>
  );
}

function FindingList({ findings, title, onClear }: { findings: Finding[]; title: string; onClear?: () => void }) {
  return (
    <section aria-label={title}>
      <h2>
        {title} ({findings.length})
      </h2>
      {onClear && (
        <button type="button" onClick={onClear}>
          Show all
        </button>
      )}
      <ul>
        {findings.map((f) => (
          <li key={f.id}>
            <Link to={`/findings/${f.id}`}>{f.title}</Link> — {f.rackSerial} ({f.generation}
            {f.lot ? `, lot ${f.lot}` : ''}), {STATE_LABELS[f.state]}
          </li>
        ))}
      </ul>
    </section>
  );
}
