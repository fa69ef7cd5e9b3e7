import { useState, type FormEvent } from 'react';
import { intakeApi, type RackDetail } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { formatDateTime } from '../shared/format';

/** Where intake's state machine allows each way out (apps/intake/src/racks/rack.state-machine.ts). */
export const HOLDABLE = new Set(['RECEIVED', 'QUARANTINED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION']);
export const WITHDRAWABLE = new Set(['RELEASED_FOR_EVALUATION', 'IN_EVALUATION', 'ON_HOLD', 'EVALUATION_PASSED', 'EVALUATION_FAILED']);

type WayOut = 'hold' | 'release-hold' | 'withdraw';

const ACTION: Record<WayOut, { label: string; hint: string; reasonRequired: boolean }> = {
  hold: { label: 'Put on hold', hint: 'No new runs; a running run is aborted (cause hold) and keeps its attempt.', reasonRequired: true },
  'release-hold': { label: 'Release hold', hint: 'The rack returns to the state it was held from.', reasonRequired: false },
  withdraw: {
    label: 'Withdraw',
    hint: 'For a rack damaged in evaluation: its purchase option ends and it awaits return.',
    reasonRequired: true,
  },
};

/** The ways out of the normal flow on a rack's page: hold, release the hold, withdraw — each with a reason. */
export function RackWaysOut({ rack, onChanged }: { rack: RackDetail; onChanged(): void }) {
  const offered = (['hold', 'release-hold', 'withdraw'] as const).filter((way) =>
    way === 'hold' ? HOLDABLE.has(rack.state) : way === 'release-hold' ? rack.state === 'ON_HOLD' : WITHDRAWABLE.has(rack.state),
  );
  const [way, setWay] = useState<WayOut | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!way) return;
    setBusy(true);
    setError(undefined);
    try {
      const why = reason.trim();
      if (way === 'hold') await intakeApi.hold(rack.serial, why);
      else if (way === 'release-hold') await intakeApi.releaseHold(rack.serial, why || undefined);
      else await intakeApi.withdraw(rack.serial, why);
      setWay(null);
      setReason('');
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <h3>Hold or withdraw</h3>
      {rack.hold && (
        <p className="warn">
          On hold since {formatDateTime(rack.hold.heldAt)} by {rack.hold.heldBy} (from {humanise(rack.hold.heldFrom)}): {rack.hold.reason}
        </p>
      )}
      {rack.withdrawnAt && <p className="muted">Withdrawn {formatDateTime(rack.withdrawnAt)}; its purchase option ended with it.</p>}
      {!offered.length ? (
        <p className="muted">No way out applies to a rack that is {humanise(rack.state)}.</p>
      ) : (
        <span>
          {offered.map((candidate) => (
            <button
              key={candidate}
              type="button"
              className={candidate === 'withdraw' ? 'danger' : undefined}
              aria-pressed={way === candidate}
              onClick={() => setWay(candidate)}
            >
              {ACTION[candidate].label}
            </button>
          ))}
        </span>
      )}
      {way && (
        <form className="inline-form" onSubmit={submit} aria-label={ACTION[way].label}>
          <p className="muted">{ACTION[way].hint}</p>
          <span className="field">
            <label htmlFor="way-out-reason">{ACTION[way].reasonRequired ? 'Reason' : 'Reason (optional)'}</label>
            <input
              id="way-out-reason"
              size={50}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={ACTION[way].reasonRequired}
            />
          </span>
          <button
            type="submit"
            className={way === 'withdraw' ? 'danger' : undefined}
            disabled={busy || (ACTION[way].reasonRequired && !reason.trim())}
          >
            {ACTION[way].label}
          </button>
          <button type="button" onClick={() => setWay(null)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorMessage error={error} title="The rack was not changed" />
    </div>
  );
}
