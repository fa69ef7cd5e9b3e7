import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHead } from '../shared/page-head';
import { resultsApi, type FeedDelivery, type FeedDeliveryPage, type FeedDeliveryState } from '../api';
import { useSession } from '../auth/auth-context';
import { canSeeManufacturerFeed } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { DataTable, num, unseen } from '../shared/data-table';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';

const PAGE_SIZE = 50;
const STATES: readonly FeedDeliveryState[] = ['PENDING', 'DELIVERED', 'GAVE_UP'];
const STATE_LABELS: Record<FeedDeliveryState, string> = { PENDING: 'Pending', DELIVERED: 'Delivered', GAVE_UP: 'Gave up' };
const TYPE_LABELS: Record<FeedDelivery['type'], string> = {
  'finding.reported': 'Reported',
  'finding.fix-proposed': 'Fix proposed',
  'finding.fix-rejected': 'Fix rejected',
  'finding.verified': 'Verified',
  'finding.wont-fix': "Won't fix",
};

/** The last answer of a delivery: the manufacturer's HTTP status, or why no answer came. */
export function lastAnswer(delivery: FeedDelivery): string {
  const last = delivery.attemptLog[delivery.attemptLog.length - 1];
  if (!last) return '—';
  return [last.statusCode !== null ? `HTTP ${last.statusCode}` : null, last.error].filter(Boolean).join(': ') || '—';
}

/**
 * The manufacturer feed's delivery log (admins only): each finding change POSTed to the manufacturer, newest first,
 * filtered by state (?state=GAVE_UP), more pages on demand; a delivery that gave up can be sent again.
 */
export function ManufacturerFeedPage() {
  const session = useSession();
  if (!canSeeManufacturerFeed(session)) {
    return (
      <section aria-labelledby="feed-title">
        <h1 id="feed-title">Manufacturer feed</h1>
        <p className="muted">Only admins see the manufacturer feed's delivery log.</p>
      </section>
    );
  }
  return <DeliveryLog />;
}

function DeliveryLog() {
  const [params, setParams] = useSearchParams();
  const state = STATES.find((s) => s === params.get('state'));
  const deliveries = useAsync(() => resultsApi.feedDeliveries({ state, limit: PAGE_SIZE }), [state]);
  const [more, setMore] = useState<{ busy: boolean; error?: unknown }>({ busy: false });

  async function showMore(page: FeedDeliveryPage) {
    setMore({ busy: true });
    try {
      const next = await resultsApi.feedDeliveries({ state, limit: PAGE_SIZE, cursor: page.nextCursor! });
      deliveries.setData((current) => current && { items: [...current.items, ...next.items], nextCursor: next.nextCursor });
      setMore({ busy: false });
    } catch (error) {
      setMore({ busy: false, error });
    }
  }

  const replace = (sent: FeedDelivery) =>
    deliveries.setData(
      (current) =>
        current && {
          ...current,
          // Under a GAVE_UP filter, a delivery sent again no longer belongs to the list.
          items: current.items.flatMap((d) => (d.id !== sent.id ? [d] : state && sent.state !== state ? [] : [sent])),
        },
    );

  return (
    <section aria-labelledby="feed-title">
      <PageHead back={{ to: '/admin', label: 'Programme admin' }} titleId="feed-title" title="Manufacturer feed">
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <span className="field">
            <label htmlFor="feed-state">State</label>
            <select id="feed-state" value={state ?? ''} onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {})}>
              <option value="">All states</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </span>
        </form>
      </PageHead>
      <p className="muted">Each change of a finding reported to the manufacturer, as POSTed to its webhook, newest first.</p>
      <ErrorMessage error={deliveries.error} title="The delivery log could not be loaded" />
      <div aria-busy={deliveries.loading}>
        {deliveries.data &&
          (deliveries.data.items.length === 0 ? (
            <p className="muted">{state ? `No delivery is ${STATE_LABELS[state].toLowerCase()}.` : 'No delivery yet.'}</p>
          ) : (
            <DataTable
              label="Deliveries"
              columns={['Finding', 'Type', 'State', num('Attempts'), 'Last answer', 'Next attempt', unseen('Actions')]}
            >
              {deliveries.data.items.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} onSent={replace} />
              ))}
            </DataTable>
          ))}
        {deliveries.data?.nextCursor && (
          <button type="button" disabled={more.busy} onClick={() => void showMore(deliveries.data!)}>
            Show more
          </button>
        )}
        <ErrorMessage error={more.error} title="More deliveries could not be loaded" />
      </div>
    </section>
  );
}

function DeliveryRow({ delivery, onSent }: { delivery: FeedDelivery; onSent(sent: FeedDelivery): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function sendAgain() {
    setBusy(true);
    setError(undefined);
    try {
      onSent(await resultsApi.retryFeedDelivery(delivery.id));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }
  return (
    <tr>
      <th scope="row">
        <Link to={`/findings/${delivery.findingId}`}>{delivery.findingId.slice(0, 8)}</Link>{' '}
        <span className="muted">
          rack {delivery.rackSerial}, {formatDateTime(delivery.occurredAt)}
        </span>
      </th>
      <td>{TYPE_LABELS[delivery.type] ?? humanise(delivery.type)}</td>
      <td>
        <span className={`badge feed-${delivery.state.toLowerCase()}`}>{STATE_LABELS[delivery.state]}</span>
        {delivery.deliveredAt && <span className="muted"> {formatDateTime(delivery.deliveredAt)}</span>}
      </td>
      <td className="num">{delivery.attempts}</td>
      <td>{lastAnswer(delivery)}</td>
      <td>{delivery.state === 'PENDING' ? formatDateTime(delivery.nextAttemptAt) : '—'}</td>
      <td>
        {delivery.state === 'GAVE_UP' && (
          <button type="button" disabled={busy} onClick={() => void sendAgain()}>
            Send again
          </button>
        )}
        <ErrorMessage error={error} title="Not sent again" />
      </td>
    </tr>
  );
}
