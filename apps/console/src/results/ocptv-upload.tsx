import { useRef, useState, type FormEvent } from 'react';
import { resultsApi, uploadWithProgress, type OcptvReceipt } from '../api';
import { ErrorMessage } from '../errors/error-message';

/** Uploads an OCPTV artifact stream (NDJSON) for a run, with a progress bar. */
export function OcptvUpload({ runId, disabled, onUploaded }: { runId: string; disabled?: boolean; onUploaded(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setError(undefined);
    setStatus('');
    setPercent(0);
    try {
      const receipt = await uploadWithProgress<OcptvReceipt>(
        resultsApi.ocptvPath(runId),
        file,
        'application/x-ndjson',
        ({ loaded, total }) => setPercent(total ? Math.round((loaded / total) * 100) : 0),
      );
      setStatus(
        `Uploaded ${file.name}: ${receipt.lines} lines, ${receipt.measurements} measurements recorded${receipt.rejudged ? '; the run was judged again' : ''}.`,
      );
      onUploaded();
    } catch (reason) {
      setError(reason);
      setPercent(null);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="ocptv-title" className="stack">
      <h3 id="ocptv-title">Upload an OCPTV file</h3>
      <label htmlFor="ocptv-file">OCPTV artifact stream (.jsonl, .ndjson)</label>
      <input id="ocptv-file" ref={input} type="file" accept=".json,.jsonl,.ndjson,application/x-ndjson" disabled={disabled} />
      {percent !== null && (
        <progress max={100} value={percent} aria-label="Upload progress">
          {percent} %
        </progress>
      )}
      <ErrorMessage error={error} title="The file was not accepted" />
      <p role="status">{status}</p>
      <button type="submit" disabled={disabled}>
        Upload
      </button>
    </form>
  );
}
