import { useState, type FormEvent } from 'react';
import { resultsApi, type Criterion, type MeasurementReceipt } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable } from '../shared/data-table';
import { checkTypedValue, parseTypedNumber } from './criteria-check';

const VERDICT_WORDS = { empty: '', invalid: 'Not a number', pass: 'Pass', fail: 'Fail' } as const;

interface Props {
  runId: string;
  /** The criteria for the metrics this run reports. */
  criteria: Criterion[];
  disabled?: boolean;
  onRecorded(receipt: MeasurementReceipt): void;
}

/** Hand entry of one value per metric, judged against its criterion as it is typed. */
export function ResultEntryForm({ runId, criteria, disabled, onRecorded }: Props) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const filled = criteria.filter((criterion) => parseTypedNumber(values[criterion.metric] ?? '') !== null);
  const anyInvalid = criteria.some((criterion) => checkTypedValue(criterion, values[criterion.metric] ?? '').verdict === 'invalid');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const measurements = filled.map((criterion) => ({
        metric: criterion.metric,
        value: parseTypedNumber(values[criterion.metric])!,
        unit: criterion.unit,
        observedAt: new Date().toISOString(),
      }));
      // One key per submission: a retried click is not recorded twice.
      const receipt = await resultsApi.recordMeasurements(runId, measurements, crypto.randomUUID());
      setStatus(`${receipt.accepted} measurement${receipt.accepted === 1 ? '' : 's'} recorded.`);
      setValues({});
      onRecorded(receipt);
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  if (!criteria.length) return <p className="muted">No criteria cover the metrics of this run.</p>;
  return (
    <form onSubmit={submit} aria-labelledby="entry-title" className="stack">
      <h3 id="entry-title">Enter results</h3>
      <DataTable className="entry-table" columns={['Metric', 'Value', 'Against target']}>
        {criteria.map((criterion) => {
          const id = `value-${criterion.metric}`;
          const check = checkTypedValue(criterion, values[criterion.metric] ?? '');
          return (
            <tr key={criterion.metric} className={`entry-${check.verdict}`}>
              <td>
                <label htmlFor={id}>{criterion.metric}</label>
                {criterion.required && <span className="tag">required</span>}
              </td>
              <td>
                <input
                  id={id}
                  inputMode="decimal"
                  value={values[criterion.metric] ?? ''}
                  onChange={(e) => setValues({ ...values, [criterion.metric]: e.target.value })}
                  aria-describedby={`${id}-check`}
                  aria-invalid={check.verdict === 'invalid' || check.verdict === 'fail'}
                  disabled={disabled}
                />{' '}
                <span className="unit">{criterion.unit}</span>
              </td>
              <td id={`${id}-check`} aria-live="polite">
                {check.verdict !== 'empty' && <span className={`badge verdict-${check.verdict}`}>{VERDICT_WORDS[check.verdict]}</span>}{' '}
                {check.explanation}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <ErrorMessage error={error} title="The results were not recorded" />
      <p role="status">{status}</p>
      <button type="submit" className="primary" disabled={busy || disabled || !filled.length || anyInvalid}>
        Record {filled.length || ''} value{filled.length === 1 ? '' : 's'}
      </button>
    </form>
  );
}
