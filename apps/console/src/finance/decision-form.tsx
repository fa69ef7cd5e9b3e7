import { useState, type FormEvent } from 'react';
import { purchaseOptionApi, type PurchaseOption, type PurchaseOptionDetail } from '../api';
import { canExercise, waiverRequired } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { compareDecimal } from '../shared/decimal';

type Decision = 'EXERCISE' | 'DECLINE';

/**
 * Exercise or decline, with a rationale; a failed rack needs a written waiver to be exercised, and a
 * rack rejected at intake can only be declined.
 */
export function DecisionForm({ option, onDecided }: { option: PurchaseOption; onDecided(option: PurchaseOptionDetail): void }) {
  const exercisable = canExercise(option);
  const [decision, setDecision] = useState<Decision>(option.state === 'NOT_EXERCISABLE' || !exercisable ? 'DECLINE' : 'EXERCISE');
  const [rationale, setRationale] = useState('');
  const [waiver, setWaiver] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const needsWaiver = waiverRequired(option, decision);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDecided(
        await purchaseOptionApi.decide(option.rackSerial, {
          decision,
          rationale: rationale.trim(),
          ...(needsWaiver ? { waiver: waiver.trim() } : {}),
        }),
      );
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="decide-title" className="stack">
      <h2 id="decide-title">Decide</h2>
      <fieldset>
        <legend>Decision</legend>
        {exercisable ? (
          <label className="radio">
            <input
              type="radio"
              name="decision"
              value="EXERCISE"
              checked={decision === 'EXERCISE'}
              onChange={() => setDecision('EXERCISE')}
            />
            Exercise — buy this rack
          </label>
        ) : (
          <p className="muted">
            Rejected at intake ({option.evidence.intakeRejection?.reason}): this rack can only be declined, no waiver applies.
          </p>
        )}
        <label className="radio">
          <input type="radio" name="decision" value="DECLINE" checked={decision === 'DECLINE'} onChange={() => setDecision('DECLINE')} />
          Decline — return it
        </label>
      </fieldset>
      <label htmlFor="rationale">Rationale</label>
      <textarea id="rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} required rows={3} />
      {needsWaiver && (
        <>
          <label htmlFor="waiver">
            {option.state === 'NOT_EXERCISABLE' ? 'Waiver (this rack failed its evaluation)' : 'Waiver (this rack misses its cost targets)'}
          </label>
          <textarea
            id="waiver"
            value={waiver}
            onChange={(e) => setWaiver(e.target.value)}
            required
            rows={2}
            aria-describedby="waiver-hint"
          />
          <p id="waiver-hint" className="muted">
            {option.state === 'NOT_EXERCISABLE'
              ? 'Say why the lab buys a rack that failed; the waiver is kept in the audit trail.'
              : `Say why the lab buys a rack that misses ${option.evidence.value.missedTargets.join(', ') || 'targets it cannot be shown to meet'}; the waiver is kept in the audit trail.`}
          </p>
        </>
      )}
      {decision === 'EXERCISE' && option.terms && compareDecimal(option.terms.unitPrice, option.terms.approvalThreshold) > 0 && (
        <p className="muted">The price is above the approval threshold: a second finance colleague must approve.</p>
      )}
      <ErrorMessage error={error} title="The decision was not recorded" />
      <button type="submit" className="primary" disabled={busy || !rationale.trim() || (needsWaiver && !waiver.trim())}>
        {decision === 'EXERCISE' ? 'Exercise option' : 'Decline option'}
      </button>
    </form>
  );
}
