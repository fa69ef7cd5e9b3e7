import { useState, type FormEvent } from 'react';
import { intakeApi, type DeliveryReceipt } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { readFileText } from '../shared/read-file';
import { DeliveryReceiptView } from './delivery-page';

const COLUMNS =
  'deliveryReference, site, receivedAt, rackSerial, generation, lot, partNumber, category, quantity, unitCost, currency, supplier, countryOfOrigin';

/** Bulk intake: a CSV manifest, one row per BOM line, accepted all or nothing with errors by line. */
export function ManifestPage() {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const [receipt, setReceipt] = useState<DeliveryReceipt>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setReceipt(undefined);
    try {
      setReceipt(await intakeApi.importManifest(await readFileText(file)));
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="manifest-title">
      <h1 id="manifest-title">Upload a delivery manifest</h1>
      <p id="manifest-hint" className="muted">
        CSV with a header row naming the columns: {COLUMNS}. One row per BOM line; rows of one rack share its serial.
      </p>
      <form onSubmit={submit} className="stack">
        <label htmlFor="manifest-file">Manifest file (.csv)</label>
        <input
          id="manifest-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="manifest-hint"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button type="submit" className="primary" disabled={!file || busy}>
          {busy ? 'Importing…' : 'Import manifest'}
        </button>
      </form>
      <ErrorMessage error={error} title="The manifest was not imported" />
      {receipt && <DeliveryReceiptView receipt={receipt} />}
    </section>
  );
}
