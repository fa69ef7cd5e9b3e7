import { useState, type FormEvent } from 'react';
import { testRunApi, type RackDetail, type Run } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useAsync } from '../shared/use-async';
import { freeBays, suiteChoices } from './scheduling';

interface Props {
  rack: RackDetail;
  runs: Run[];
  /** Bumped by the page when a live event says bays changed. */
  baysVersion: number;
  onScheduled(run: Run): void;
}

/** Schedules one suite of the generation's plan for this rack in a free bay. */
export function ScheduleRunForm({ rack, runs, baysVersion, onScheduled }: Props) {
  const plan = useAsync(() => testRunApi.plan(rack.generation), [rack.generation]);
  const bays = useAsync(() => testRunApi.bays(), [baysVersion]);
  const [suite, setSuite] = useState('');
  const [bay, setBay] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const choices = suiteChoices(plan.data?.suites ?? [], runs);
  const available = freeBays(bays.data?.items ?? [], rack.site);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const run = await testRunApi.schedule(rack.serial, suite, bay);
      setSuite('');
      setBay('');
      onScheduled(run);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  if (plan.error) return <ErrorMessage error={plan.error} title="Test plan" />;
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="schedule-title">
      <h3 id="schedule-title">Schedule a run</h3>
      <span className="field">
        <label htmlFor="schedule-suite">Suite</label>
        <select id="schedule-suite" value={suite} onChange={(e) => setSuite(e.target.value)} required>
          <option value="">Choose a suite…</option>
          {choices.map(({ suite: s, attemptsUsed, blockedBy }) => (
            <option key={s.key} value={s.key} disabled={!!blockedBy}>
              {s.name} ({attemptsUsed}/{s.maxAttempts} attempts{s.required ? ', required' : ''}){blockedBy ? ` — ${blockedBy}` : ''}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor="schedule-bay">Free bay</label>
        <select id="schedule-bay" value={bay} onChange={(e) => setBay(e.target.value)} required>
          <option value="">{available.length ? 'Choose a bay…' : 'No free bay'}</option>
          {available.map((b) => (
            <option key={b.code} value={b.code}>
              {b.code} ({b.site})
            </option>
          ))}
        </select>
      </span>
      <button type="submit" className="primary" disabled={busy || !suite || !bay}>
        Schedule
      </button>
      <ErrorMessage error={error} title="The run was not scheduled" />
    </form>
  );
}
