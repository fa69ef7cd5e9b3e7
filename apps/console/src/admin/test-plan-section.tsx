import { useState } from 'react';
import { isNotFound, testRunApi } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, unseen } from '../shared/data-table';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { emptySuiteRow, suiteToRow, toSuites } from './admin-drafts';
import { DraftRowButtons, RemoveRowButton, useDraftRows } from './draft-rows';

/** The generation's test plan: suites with required, max attempts and metrics. Saving publishes a new version. */
export function TestPlanSection({ generation }: { generation: string }) {
  const plan = useAsync(() => testRunApi.plan(generation), [generation]);
  const { rows, update, add, remove } = useDraftRows(plan.data?.suites, suiteToRow, emptySuiteRow);
  const [status, setStatus] = useState('');

  const { error, submit } = useSubmit(async () => {
    const saved = await testRunApi.publishPlan(generation, toSuites(rows));
    setStatus(`Test plan version ${saved.version} published.`);
    plan.reload();
  });

  const missing = isNotFound(plan.error);
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="plan-title">
      <h3 id="plan-title">Test plan {plan.data ? `(version ${plan.data.version})` : missing ? '(none yet)' : ''}</h3>
      {!missing && <ErrorMessage error={plan.error} title="Test plan" />}
      <DataTable columns={['Key', 'Name', 'Required', 'Max attempts', 'Metrics (comma-separated)', unseen('Remove')]}>
        {rows.map((row, i) => (
          <tr key={i}>
            <td>
              <input
                aria-label={`Key of suite ${i + 1}`}
                value={row.key}
                onChange={(e) => update(i, { key: e.target.value })}
                placeholder="burn-in"
              />
            </td>
            <td>
              <input aria-label={`Name of suite ${i + 1}`} value={row.name} onChange={(e) => update(i, { name: e.target.value })} />
            </td>
            <td>
              <input
                type="checkbox"
                aria-label={`Suite ${i + 1} required`}
                checked={row.required}
                onChange={(e) => update(i, { required: e.target.checked })}
              />
            </td>
            <td>
              <input
                aria-label={`Max attempts of suite ${i + 1}`}
                value={row.maxAttempts}
                inputMode="numeric"
                style={{ width: '4rem' }}
                onChange={(e) => update(i, { maxAttempts: e.target.value })}
              />
            </td>
            <td>
              <input
                aria-label={`Metrics of suite ${i + 1}`}
                value={row.metrics}
                onChange={(e) => update(i, { metrics: e.target.value })}
              />
            </td>
            <td>
              <RemoveRowButton label={`Remove suite ${i + 1}`} rows={rows.length} onRemove={() => remove(i)} />
            </td>
          </tr>
        ))}
      </DataTable>
      <DraftRowButtons addLabel="Add suite" publishLabel="Publish test plan" onAdd={add} />
      <ErrorMessage error={error} title="The plan was not published" />
      <p role="status">{status}</p>
    </form>
  );
}
