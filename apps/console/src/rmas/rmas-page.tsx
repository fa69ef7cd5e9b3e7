import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { intakeApi, RMA_STATES, type Page, type Rma } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, num } from '../shared/data-table';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { RMA_STATE_LABELS } from './rma-words';

const PAGE_SIZE = 50;

/** RMAs, newest first, filtered by state (?state=OPEN) and by a rack they include (?serial=…); more pages on demand. */
export function RmasPage() {
  const [params, setParams] = useSearchParams();
  const state = RMA_STATES.find((s) => s === params.get('state')) ?? '';
  const serial = params.get('serial') ?? '';
  const [typedSerial, setTypedSerial] = useState(serial);
  const rmas = useAsync(
    () => intakeApi.rmas({ state: state || undefined, serial: serial || undefined, limit: PAGE_SIZE }),
    [state, serial],
  );
  const [more, setMore] = useState<{ busy: boolean; error?: unknown }>({ busy: false });

  const filterBy = (change: { state?: string; serial?: string }) => {
    const next = { state, serial, ...change };
    setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value)));
  };

  async function showMore(page: Page<Rma>) {
    setMore({ busy: true });
    try {
      const next = await intakeApi.rmas({
        state: state || undefined,
        serial: serial || undefined,
        limit: PAGE_SIZE,
        cursor: page.nextCursor!,
      });
      rmas.setData((current) => current && { items: [...current.items, ...next.items], nextCursor: next.nextCursor });
      setMore({ busy: false });
    } catch (error) {
      setMore({ busy: false, error });
    }
  }

  return (
    <section aria-labelledby="rmas-title">
      <div className="page-head">
        <h1 id="rmas-title">RMAs</h1>
        <form
          className="filters"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            filterBy({ serial: typedSerial.trim() });
          }}
        >
          <span className="field">
            <label htmlFor="rmas-state">State</label>
            <select id="rmas-state" value={state} onChange={(e) => filterBy({ state: e.target.value })}>
              <option value="">All states</option>
              {RMA_STATES.map((s) => (
                <option key={s} value={s}>
                  {RMA_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </span>
          <span className="field">
            <label htmlFor="rmas-serial">Rack serial</label>
            <input
              id="rmas-serial"
              type="search"
              value={typedSerial}
              onChange={(e) => setTypedSerial(e.target.value)}
              placeholder="RK-G1-0007"
            />
          </span>
          <button type="submit">Filter</button>
        </form>
      </div>
      <ErrorMessage error={rmas.error} title="The RMAs could not be loaded" />
      <div aria-busy={rmas.loading}>
        {rmas.data && <RmaTable rmas={rmas.data.items} />}
        {rmas.data?.nextCursor && (
          <button type="button" disabled={more.busy} onClick={() => void showMore(rmas.data!)}>
            Show more
          </button>
        )}
        <ErrorMessage error={more.error} title="More RMAs could not be loaded" />
      </div>
    </section>
  );
}

function RmaTable({ rmas }: { rmas: Rma[] }) {
  if (!rmas.length) return <p className="muted">No RMAs here.</p>;
  return (
    <DataTable label="RMAs" columns={['RMA number', 'State', 'Units', num('Findings'), 'Shipped', 'Created']}>
      {rmas.map((rma) => (
        <tr key={rma.id}>
          <th scope="row">
            <Link to={`/rmas/${rma.id}`}>{rma.rmaNumber}</Link>
          </th>
          <td>
            <span className={`badge rma-${rma.state.toLowerCase()}`}>{RMA_STATE_LABELS[rma.state]}</span>
          </td>
          <td>
            {rma.serials.map((serial, i) => (
              <span key={serial}>
                {i > 0 && ', '}
                <Link to={`/racks/${encodeURIComponent(serial)}`}>{serial}</Link>
              </span>
            ))}
          </td>
          <td className="num">{rma.findingIds.length}</td>
          <td>{formatDateTime(rma.shippedAt)}</td>
          <td>
            {rma.createdBy}, {formatDateTime(rma.createdAt)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
