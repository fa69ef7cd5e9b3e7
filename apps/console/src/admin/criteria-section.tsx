import { useState } from 'react';
import { isNotFound, COMPARATORS, CRITERION_CATEGORIES, resultsApi, type Comparator, type CriterionCategory } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, unseen } from '../shared/data-table';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { checkCriteria, criterionToRow, emptyCriterionRow, thresholdsNeeded, toCriteria } from './admin-drafts';
import { DraftRowButtons, RemoveRowButton, useDraftRows } from './draft-rows';

const COMPARATOR_WORDS: Record<Comparator, string> = { gte: '≥ (at least)', lte: '≤ (at most)', between: 'between' };

/** Acceptance criteria of a generation; saving publishes a new version (the old ones stay). */
export function CriteriaSection({ generation }: { generation: string }) {
  const current = useAsync(() => resultsApi.criteria(generation), [generation]);
  const { rows, update, add, remove } = useDraftRows(current.data?.criteria, criterionToRow, emptyCriterionRow);
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState('');

  const { error, submit } = useSubmit(async () => {
    const found = checkCriteria(rows);
    setProblems(found);
    if (found.length) return;
    const saved = await resultsApi.publishCriteria(generation, toCriteria(rows));
    setStatus(`Criteria version ${saved.version} published.`);
    current.reload();
  });

  const missing = isNotFound(current.error);
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="criteria-title">
      <h3 id="criteria-title">Acceptance criteria {current.data ? `(version ${current.data.version})` : missing ? '(none yet)' : ''}</h3>
      {!missing && <ErrorMessage error={current.error} title="Criteria" />}
      <DataTable columns={['Metric', 'Unit', 'Comparator', 'Min', 'Max', 'Required', 'Category', unseen('Remove')]}>
        {rows.map((row, i) => {
          const need = thresholdsNeeded(row.comparator);
          const n = i + 1;
          return (
            <tr key={i}>
              <td>
                <input aria-label={`Metric of criterion ${n}`} value={row.metric} onChange={(e) => update(i, { metric: e.target.value })} />
              </td>
              <td>
                <input
                  aria-label={`Unit of criterion ${n}`}
                  value={row.unit}
                  style={{ width: '5rem' }}
                  onChange={(e) => update(i, { unit: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Comparator of criterion ${n}`}
                  value={row.comparator}
                  onChange={(e) => update(i, { comparator: e.target.value as Comparator })}
                >
                  {COMPARATORS.map((c) => (
                    <option key={c} value={c}>
                      {COMPARATOR_WORDS[c]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Minimum of criterion ${n}`}
                  value={row.min}
                  disabled={!need.min}
                  style={{ width: '6rem' }}
                  onChange={(e) => update(i, { min: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Maximum of criterion ${n}`}
                  value={row.max}
                  disabled={!need.max}
                  style={{ width: '6rem' }}
                  onChange={(e) => update(i, { max: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Criterion ${n} required`}
                  checked={row.required}
                  onChange={(e) => update(i, { required: e.target.checked })}
                />
              </td>
              <td>
                <select
                  aria-label={`Category of criterion ${n}`}
                  value={row.category}
                  onChange={(e) => update(i, { category: e.target.value as CriterionCategory })}
                >
                  {CRITERION_CATEGORIES.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </td>
              <td>
                <RemoveRowButton label={`Remove criterion ${n}`} rows={rows.length} onRemove={() => remove(i)} />
              </td>
            </tr>
          );
        })}
      </DataTable>
      <DraftRowButtons addLabel="Add criterion" publishLabel="Publish criteria" onAdd={add} />
      {problems.length > 0 && (
        <ul className="error error-details" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} title="The criteria were not published" />
      <p role="status">{status}</p>
    </form>
  );
}
