import { useState } from 'react';
import { Link } from 'react-router-dom';
import { testRunApi, type Run } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { DataTable, unseen } from '../shared/data-table';
import { formatDateTime } from '../shared/format';
import { AbortRunForm } from './abort-run-form';
import { runActions } from './scheduling';

interface Props {
  runs: Run[];
  canOperate: boolean;
  onChanged(): void;
}

/**
 * A serial's runs newest incarnation first (attempts count from 1 again in each incarnation), the order
 * within one incarnation kept as listed.
 */
const byIncarnation = (runs: Run[]): Run[] => [...runs].sort((a, b) => b.incarnation - a.incarnation);

/**
 * A rack's runs with their lifecycle buttons (start, complete, abort with a cause and a reason). Once the
 * serial came back from an RMA, an Incarnation column says which unit each run tested, the current one first.
 */
export function RunsTable({ runs, canOperate, onChanged }: Props) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  // The run whose abort (cause and reason) is being written.
  const [aborting, setAborting] = useState<{ runId: string } | null>(null);

  async function act(run: Run, action: 'start' | 'complete') {
    setBusy(run.id);
    setError(undefined);
    try {
      if (action === 'start') await testRunApi.start(run.id);
      else await testRunApi.complete(run.id);
      onChanged();
    } catch (reasonForFailure) {
      setError(reasonForFailure);
    } finally {
      setBusy(undefined);
    }
  }

  if (!runs.length) return <p className="muted">No runs yet.</p>;
  const showIncarnation = runs.some((run) => run.incarnation > 1);
  const rows = showIncarnation ? byIncarnation(runs) : runs;
  return (
    <>
      <ErrorMessage error={error} title="The run could not be changed" />
      <DataTable
        caption="Runs"
        captionUnseen
        columns={['Suite', showIncarnation && 'Incarnation', 'Attempt', 'Bay', 'State', 'Scheduled', unseen('Actions')]}
      >
        {rows.map((run) => (
          <tr key={run.id}>
            <td>
              <Link to={`/runs/${run.id}`}>{run.suiteName || run.suite}</Link>
              {run.required && <span className="tag">required</span>}
            </td>
            {showIncarnation && <td>{run.incarnation}</td>}
            <td>
              {run.attempt} of {run.maxAttempts}
            </td>
            <td>{run.bay}</td>
            <td>
              <span className={`badge run-${run.state.toLowerCase()}`}>{humanise(run.state)}</span>
              {run.abortReason && (
                <span className="muted">
                  {' '}
                  — {run.abortCause ? `${humanise(run.abortCause)}: ` : ''}
                  {run.abortReason}
                  {run.attemptConsumed ? '' : ' (attempt kept)'}
                </span>
              )}
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
                    onClick={() => (action === 'abort' ? setAborting({ runId: run.id }) : act(run, action))}
                    aria-label={`${action} ${run.suite} attempt ${run.attempt}`}
                  >
                    {action}
                  </button>
                ))}
              {aborting?.runId === run.id && (
                <AbortRunForm
                  run={run}
                  autoFocus
                  onCancel={() => setAborting(null)}
                  onAborted={() => {
                    setAborting(null);
                    onChanged();
                  }}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
