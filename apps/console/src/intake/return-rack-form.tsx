import { useState } from 'react';
import { intakeApi, type RackDetail } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useSubmit } from '../shared/use-submit';

/** States from which intake may send a rack back (after rejection, failure, decline or lapse). */
export const RETURNABLE = new Set(['REJECTED_AT_INTAKE', 'EVALUATION_FAILED', 'AWAITING_RETURN']);

export function ReturnRackForm({ rack, onReturned }: { rack: RackDetail; onReturned(): void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await intakeApi.returnRack(rack.serial, reason.trim());
    onReturned();
  });

  return (
    <form onSubmit={submit} className="inline-form" aria-labelledby="return-title">
      <h3 id="return-title">Return to the manufacturer</h3>
      <span className="field">
        <label htmlFor="return-reason">Reason</label>
        <input id="return-reason" size={50} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </span>
      <button type="submit" className="danger" disabled={busy || !reason.trim()}>
        Record return
      </button>
      <ErrorMessage error={error} title="The return was not recorded" />
    </form>
  );
}
