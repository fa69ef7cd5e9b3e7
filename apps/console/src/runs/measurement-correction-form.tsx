import { useState } from 'react';
import { resultsApi, type CorrectionReceipt, type Criterion, type Run } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useSubmit } from '../shared/use-submit';

/**
 * A test engineer corrects a metric of a run (while it runs, or once completed until the rack's
 * option ends): its current values are superseded, never overwritten, and the run is judged again.
 */
export function MeasurementCorrectionForm({ run, criteria, onCorrected }: { run: Run; criteria: Criterion[]; onCorrected(): void }) {
  const unitOf = (metric: string) => criteria.find((criterion) => criterion.metric === metric)?.unit ?? '';
  const [metric, setMetric] = useState(run.metrics[0] ?? '');
  const [value, setValue] = useState('');
  // Until the engineer types one, the unit is the criterion's (criteria may load after the form).
  const [typedUnit, setUnit] = useState<string>();
  const unit = typedUnit ?? unitOf(metric);
  const [reason, setReason] = useState('');
  const [receipt, setReceipt] = useState<CorrectionReceipt>();
  const ready = metric && value.trim() !== '' && Number.isFinite(Number(value)) && unit.trim() && reason.trim().length >= 3;
  const { busy, error, submit } = useSubmit(async () => {
    const measurements = [{ metric, value: Number(value), unit: unit.trim() }];
    setReceipt(await resultsApi.correctMeasurements(run.id, { metric, reason: reason.trim(), measurements }, crypto.randomUUID()));
    setValue('');
    setReason('');
    onCorrected();
  }, ready);

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Correct a measurement">
      <span className="field">
        <label htmlFor="correction-metric">Metric</label>
        <select
          id="correction-metric"
          value={metric}
          onChange={(e) => {
            setMetric(e.target.value);
            setUnit(undefined);
          }}
        >
          {run.metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor="correction-value">Corrected value</label>
        <input id="correction-value" inputMode="decimal" size={10} value={value} onChange={(e) => setValue(e.target.value)} required />
      </span>
      <span className="field">
        <label htmlFor="correction-unit">Unit</label>
        <input id="correction-unit" size={10} value={unit} onChange={(e) => setUnit(e.target.value)} required />
      </span>
      <span className="field">
        <label htmlFor="correction-reason">Reason</label>
        <input id="correction-reason" size={40} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </span>
      <button type="submit" disabled={busy || !ready}>
        Submit correction
      </button>
      {receipt && (
        <p role="status">
          Correction recorded: {receipt.superseded} value(s) of {receipt.metric} superseded by {receipt.added} ({receipt.reason}). The
          earlier values stay in the history.
        </p>
      )}
      <ErrorMessage error={error} title="The measurement was not corrected" />
    </form>
  );
}
