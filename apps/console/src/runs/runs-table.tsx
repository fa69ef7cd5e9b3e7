import { useState } from 'react';
import { Link } from 'react-router-dom';
import { testRunApi, type Run } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { formatDateTime } from '../shared/format';
import { runActions } from './scheduling';

interface Props {
  runs: Run[];
  canOperate: boolean;
  onChanged(): void;
}

/** A rack's runs with their lifecycle buttons (start, complete, abort with a reason). */
export function RunsTable({ runs, canOperate, onChanged }: Props) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  // The run whose abort reason is being written, and the reason so far.
  const [aborting, setAborting] = useState<{ runId: string; reason: string } | null>(null);

  async function act(run: Run, action: 'start' | 'complete' | 'abort', reason = '') {
    setBusy(run.id);
    setError(undefined);
    try {
      if (action === 'start') await testRunApi.start(run.id);
      else if (action === 'complete') await testRunApi.complete(run.id);
      else await testRunApi.abort(run.id, reason);
      setAborting(null);
      onChanged();
    } catch (reasonForFailure) {
      setError(reasonForFailure);
    } finally {
      setBusy(undefined);
    }
  }

  if (!runs.length) return <p className="muted">No runs yet.</p>;
  return (
    <>
      <ErrorMessage error={error} title="The run could not be changed" />
      <table>
        <caption className="visually-hidden">Runs</caption>
        <thead>
          <tr>
            <th scope="col">Suite</th>
            <th scope="col">Attempt</th>
            <th scope="col">Bay</th>
            <th scope="col">State</th>
            <th scope="col">Scheduled</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link to={`/runs/${run.id}`}>{run.suiteName || run.suite}</Link>
                {run.required && <span className="tag">required</span>}
              </td>
              <td>
                {run.attempt} of {run.maxAttempts}
              </td>
              <td>{run.bay}</td>
              <td>
                <span className={`badge run-${run.state.toLowerCase()}`}>{humanise(run.state)}</span>
                {run.abortReason && <span className="muted"> — {run.abortReason}</span>}
              </td>
              <td>{formatDateTime(run.scheduledAt)}</td>
              <td className="actions">
                {canOperate &&
                  aborting?.runId !== run.id &&
                  runActions(run).map((action) => (
                    <button
                      key={action}
                      type="button"
                      disabled={busy === run.id}
                      onClick={() => (action === 'abort' ? setAborting({ runId: run.id, reason: '' }) : act(run, action))}
                      aria-label={`${action} ${run.suite} attempt ${run.attempt}`}
                    >
                      {action}
                    </button>
                  ))}
                {aborting?.runId === run.id && (
                  <form
                    className="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      act(run, 'abort', aborting.reason.trim());
                    }}
                  >
                    <span className="field">
                      <label htmlFor={`abort-${run.id}`}>Why abort?</label>
                      <input id={`abort-${run.id}`} value={aborting.reason} onChange={(e) => setAborting({ runId: run.id, reason: e.target.value })} required autoFocus />
                    </span>
                    <button type="submit" className="danger" disabled={!aborting.reason.trim() || busy === run.id}>
                      Abort run
                    </button>
                    <button type="button" onClick={() => setAborting(null)}>
                      Keep running
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
