import { ABORT_CAUSES, type AbortCause } from '@rackeval/api-client';
import { useState, type FormEvent } from 'react';
import { testRunApi, type Run } from '../api';
import { ErrorMessage } from '../errors/error-message';

const CAUSE_LABEL: Record<AbortCause, string> = {
  FACILITY: 'Facility (power, cooling, bay) — the attempt is kept',
  OPERATOR: "Operator's call — the attempt is kept",
  HOLD: 'Rack on hold — the attempt is kept',
  DEVICE: 'Device fault — uses up this attempt',
};

/** Abort a run with its cause and a reason: only a device fault uses up one of the suite's attempts. */
export function AbortRunForm({
  run,
  onAborted,
  onCancel,
  autoFocus = false,
}: {
  run: Run;
  onAborted(run: Run): void;
  onCancel?(): void;
  autoFocus?: boolean;
}) {
  const [cause, setCause] = useState<AbortCause>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!cause || !reason.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      onAborted(await testRunApi.abort(run.id, reason.trim(), cause));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label={`Abort ${run.suite} attempt ${run.attempt}`}>
      <fieldset>
        <legend>Cause</legend>
        {ABORT_CAUSES.map((value) => (
          <label key={value} className="radio">
            <input type="radio" name={`cause-${run.id}`} value={value} checked={cause === value} onChange={() => setCause(value)} />
            {CAUSE_LABEL[value]}
          </label>
        ))}
      </fieldset>
      <span className="field">
        <label htmlFor={`abort-${run.id}`}>Why abort?</label>
        <input id={`abort-${run.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus={autoFocus} />
      </span>
      <span>
        <button type="submit" className="danger" disabled={!cause || !reason.trim() || busy}>
          Abort run
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Keep running
          </button>
        )}
      </span>
      <ErrorMessage error={error} title="The run was not aborted" />
    </form>
  );
}
