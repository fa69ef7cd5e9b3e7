import { useState, type FormEvent } from 'react';
import { resultsApi, type RackEvaluation } from '../api';
import { ErrorMessage } from '../errors/error-message';

/** Suites a re-open decides again by default: the failed ones of a FAILED evaluation, the required ones of a PASSED one. */
export function defaultReopenSuites(evaluation: RackEvaluation): string[] {
  if (evaluation.outcome === 'FAILED' && evaluation.failedSuites.length) return [...evaluation.failedSuites];
  const required = evaluation.suites.filter((suite) => suite.required).map((suite) => suite.suite);
  return required.length ? required : evaluation.suites.map((suite) => suite.suite);
}

/**
 * An admin re-opens a concluded evaluation while the rack's option has not ended: the verdict stays
 * in the history, the chosen suites get extra attempts and the option returns to pending evaluation.
 */
export function ReopenEvaluationForm({ evaluation, onReopened }: { evaluation: RackEvaluation; onReopened(): void }) {
  const [reason, setReason] = useState('');
  const [extraAttempts, setExtraAttempts] = useState(1);
  const [suites, setSuites] = useState<string[]>(() => defaultReopenSuites(evaluation));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const toggle = (suite: string) =>
    setSuites((chosen) => (chosen.includes(suite) ? chosen.filter((s) => s !== suite) : [...chosen, suite]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await resultsApi.reopenEvaluation(evaluation.rackSerial, { reason: reason.trim(), extraAttempts, suites });
      setReason('');
      onReopened();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="inline-form" aria-labelledby="reopen-title">
      <h3 id="reopen-title">Re-open the evaluation</h3>
      <fieldset>
        <legend>Suites to decide again</legend>
        {evaluation.suites.map((suite) => (
          <label key={suite.suite} className="check">
            <input type="checkbox" checked={suites.includes(suite.suite)} onChange={() => toggle(suite.suite)} /> {suite.suite}
          </label>
        ))}
      </fieldset>
      <span className="field">
        <label htmlFor="reopen-attempts">Extra attempts per suite</label>
        <input
          id="reopen-attempts"
          type="number"
          min={1}
          max={10}
          value={extraAttempts}
          onChange={(e) => setExtraAttempts(Number(e.target.value))}
          required
        />
      </span>
      <span className="field">
        <label htmlFor="reopen-reason">Reason</label>
        <input id="reopen-reason" size={50} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </span>
      <button type="submit" disabled={busy || reason.trim().length < 3 || !suites.length || extraAttempts < 1}>
        Re-open
      </button>
      <ErrorMessage error={error} title="The evaluation was not re-opened" />
    </form>
  );
}
