import { useEffect, useState, type FormEvent } from 'react';
import { intakeApi, INSPECTION_OUTCOMES, type InspectionOutcome, type RackDetail } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useAsync } from '../shared/use-async';
import {
  acceptAllowed,
  applicableTo,
  extraCheckName,
  initialChecklist,
  suggestedOutcome,
  toChecks,
  type CheckDraft,
} from './inspection-checklist';

const OUTCOME_WORDS: Record<InspectionOutcome, string> = {
  ACCEPTED: 'Accept — release for evaluation',
  QUARANTINED: 'Quarantine — may be re-inspected',
  REJECTED: 'Reject — return to the manufacturer',
};

/** The arrival checklist and its outcome. */
export function InspectionForm({ rack, onInspected }: { rack: RackDetail; onInspected(rack: RackDetail): void }) {
  const [checks, setChecks] = useState<CheckDraft[]>(initialChecklist);
  const [outcome, setOutcome] = useState<InspectionOutcome | ''>('');
  const [note, setNote] = useState('');
  const [extra, setExtra] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // The checklist follows the generation's cooling (no coolant leak test on an air-cooled rack).
  const generations = useAsync(() => intakeApi.generations().then((page) => page.items), []);
  const cooling = generations.data?.find((generation) => generation.code === rack.generation)?.cooling;
  useEffect(() => {
    if (cooling) setChecks((current) => applicableTo(current, cooling));
  }, [cooling]);

  const update = (index: number, change: Partial<CheckDraft>) =>
    setChecks(checks.map((check, i) => (i === index ? { ...check, ...change } : check)));
  const chosen = outcome || suggestedOutcome(checks);

  function addExtra() {
    const name = extraCheckName(extra);
    if (!name || checks.some((check) => check.name === name)) return;
    setChecks([...checks, { name, label: extra.trim(), passed: false, note: '', extra: true }]);
    setExtra('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onInspected(
        await intakeApi.inspect(rack.serial, { checks: toChecks(checks), outcome: chosen, ...(note.trim() ? { note: note.trim() } : {}) }),
      );
      setChecks(initialChecklist());
      setOutcome('');
      setNote('');
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="inspection-title" className="stack">
      <h3 id="inspection-title">Inspection checklist</h3>
      <fieldset>
        <legend>Checks (tick each that passed)</legend>
        {checks.map((check, i) => (
          <div key={check.name} className="check-row">
            <input
              id={`check-${check.name}`}
              type="checkbox"
              checked={check.passed}
              onChange={(e) => update(i, { passed: e.target.checked })}
            />
            <label htmlFor={`check-${check.name}`}>{check.label}</label>
            <label className="visually-hidden" htmlFor={`note-${check.name}`}>
              Note for {check.label}
            </label>
            <input
              id={`note-${check.name}`}
              placeholder="note (optional)"
              value={check.note}
              onChange={(e) => update(i, { note: e.target.value })}
            />
          </div>
        ))}
        <div className="check-row">
          <label htmlFor="extra-check">Extra check</label>
          <input id="extra-check" value={extra} onChange={(e) => setExtra(e.target.value)} placeholder="e.g. Rail kit complete" />
          <button type="button" onClick={addExtra} disabled={!extra.trim()}>
            Add check
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Outcome</legend>
        {INSPECTION_OUTCOMES.map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={chosen === value}
              disabled={value === 'ACCEPTED' && !acceptAllowed(checks)}
              onChange={() => setOutcome(value)}
            />
            {OUTCOME_WORDS[value]}
          </label>
        ))}
        {!acceptAllowed(checks) && <p className="muted">A rack with a failed check cannot be accepted.</p>}
      </fieldset>
      <label htmlFor="inspection-note">Note{chosen !== 'ACCEPTED' ? ' (why)' : ''}</label>
      <textarea id="inspection-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <ErrorMessage error={error} title="The inspection was not recorded" />
      <button type="submit" className="primary" disabled={busy}>
        Record inspection
      </button>
    </form>
  );
}
