import { useState } from 'react';
import { purchaseOptionApi, type PurchaseOption, type PurchaseOptionDetail } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useSubmit } from '../shared/use-submit';

/** Finance ends an option before its verdict: decline only (nothing can be exercised until the evaluation passes or fails). */
export function DeclinePendingForm({ option, onDeclined }: { option: PurchaseOption; onDeclined(option: PurchaseOptionDetail): void }) {
  const [rationale, setRationale] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    onDeclined(await purchaseOptionApi.decide(option.rackSerial, { decision: 'DECLINE', rationale: rationale.trim() }));
  });

  return (
    <form onSubmit={submit} aria-labelledby="decline-pending-title" className="stack">
      <h2 id="decline-pending-title">Decline before the verdict</h2>
      <p className="muted">The evaluation has not concluded. Declining now ends the option and sends the rack back; it cannot be undone.</p>
      <label htmlFor="decline-rationale">Rationale</label>
      <textarea id="decline-rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} required rows={3} />
      <button type="submit" className="danger" disabled={busy || !rationale.trim()}>
        Decline option
      </button>
      <ErrorMessage error={error} title="The option was not declined" />
    </form>
  );
}
