import { useState } from 'react';
import { purchaseOptionApi, type PurchaseOption } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { DataTable, num } from '../shared/data-table';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { DaysLeftAndPriceCells, OptionRackCells } from './option-cells';
import { reminderDays, setReminderDays } from './reminder-days';

/** Finance's reminders: undecided options expiring soon, approvals waiting for this user, and the webhook's delivery log. */
export function RemindersPage() {
  const [days, setDays] = useState<number | undefined>(reminderDays());
  const [typed, setTyped] = useState(days === undefined ? '' : String(days));
  const reminders = useAsync(() => purchaseOptionApi.reminders(days), [days]);
  const deliveries = useAsync(() => purchaseOptionApi.reminderDeliveries(), []);

  function choose(value: string) {
    setTyped(value);
    const next = value === '' ? undefined : Number(value);
    if (next !== undefined && (!Number.isInteger(next) || next < 0 || next > 365)) return;
    setReminderDays(next);
    setDays(next);
  }

  return (
    <section aria-labelledby="reminders-title">
      <div className="page-head">
        <h1 id="reminders-title">Reminders</h1>
        <label>
          Expiring within{' '}
          <input
            type="number"
            min={0}
            max={365}
            value={typed}
            placeholder={String(reminders.data?.withinDays ?? '')}
            onChange={(e) => choose(e.target.value)}
            style={{ width: '5em' }}
          />{' '}
          days
        </label>
      </div>
      <ErrorMessage error={reminders.error} title="Reminders could not be loaded" />
      <h2>Awaiting your approval</h2>
      <OptionList options={reminders.data?.awaitingYourApproval ?? []} empty="No request waits for you." showRequester />
      <h2>Expiring with no decision</h2>
      <OptionList
        options={reminders.data?.expiring ?? []}
        empty={`No undecided option expires within ${reminders.data?.withinDays ?? days ?? '…'} days.`}
      />
      <h2>Webhook deliveries</h2>
      {reminders.data && !reminders.data.webhookEnabled && (
        <p className="muted">No reminder webhook is configured (REMINDER_WEBHOOK_URL).</p>
      )}
      <ErrorMessage error={deliveries.error} title="The delivery log could not be loaded" />
      {deliveries.data?.items.length ? (
        <DataTable columns={['When', 'Rack', 'Reminder', 'Attempt', 'Answer', 'Outcome']}>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td>{formatDateTime(d.attemptedAt)}</td>
              <td>{d.rackSerial}</td>
              <td>{d.kind === 'OPTION_EXPIRING' ? `expiring within ${d.thresholdDays} days` : 'approval waiting'}</td>
              <td>{d.attempt}</td>
              <td>{d.error ?? d.statusCode ?? '—'}</td>
              <td>{humanise(d.outcome)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">No delivery yet.</p>
      )}
    </section>
  );
}

function OptionList({ options, empty, showRequester = false }: { options: PurchaseOption[]; empty: string; showRequester?: boolean }) {
  if (!options.length) return <p className="muted">{empty}</p>;
  return (
    <DataTable columns={['Rack', 'Generation', 'State', 'Days left', num('Price'), showRequester && 'Requested by']}>
      {options.map((option) => (
        <tr key={option.rackSerial}>
          <OptionRackCells option={option} />
          <td>{humanise(option.state)}</td>
          <DaysLeftAndPriceCells option={option} />
          {showRequester && <td>{option.pendingRequest?.requestedBy ?? ''}</td>}
        </tr>
      ))}
    </DataTable>
  );
}
