import { useState } from 'react';
import { purchaseOptionApi, type PurchaseOption, type PurchaseOptionDetail } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { formatDateTime } from '../shared/format';

/** The second finance user's review of a pending exercise (never shown to its requester). */
export function ApprovalForm({ option, onReviewed }: { option: PurchaseOption; onReviewed(option: PurchaseOptionDetail): void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const request = option.pendingRequest;

  async function review(approve: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      onReviewed(await purchaseOptionApi.review(option.rackSerial, { approve, note: note.trim() }));
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-labelledby="approve-title" className="stack">
      <h2 id="approve-title">Approve the exercise</h2>
      {request && (
        <p>
          Requested by <strong>{request.requestedBy}</strong> on {formatDateTime(request.requestedAt)}: “{request.rationale}”
          {request.waiver ? ` — waiver: “${request.waiver}”` : ''}
        </p>
      )}
      <label htmlFor="approval-note">Your note</label>
      <textarea id="approval-note" value={note} onChange={(e) => setNote(e.target.value)} required rows={2} />
      <ErrorMessage error={error} title="The review was not recorded" />
      <div className="button-row">
        <button type="button" className="primary" disabled={busy || !note.trim()} onClick={() => review(true)}>
          Approve
        </button>
        <button type="button" className="danger" disabled={busy || !note.trim()} onClick={() => review(false)}>
          Reject
        </button>
      </div>
    </form>
  );
}
