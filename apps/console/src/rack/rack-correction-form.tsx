import { useState } from 'react';
import { intakeApi, type NewBomLine, type RackDetail } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, unseen } from '../shared/data-table';
import { useSubmit } from '../shared/use-submit';

/** A rack's record can be corrected until it is bought or returned (intake: RACK_RECORD_CLOSED). */
export const CORRECTABLE_CLOSED = new Set(['PURCHASED', 'RETURNED']);

type EditableLine = NewBomLine;
const FIELDS: Array<{ key: keyof EditableLine; label: string; size: number }> = [
  { key: 'partNumber', label: 'Part number', size: 14 },
  { key: 'category', label: 'Category', size: 10 },
  { key: 'quantity', label: 'Quantity', size: 5 },
  { key: 'unitCost', label: 'Unit cost', size: 10 },
  { key: 'currency', label: 'Currency', size: 4 },
  { key: 'supplier', label: 'Supplier', size: 12 },
  { key: 'countryOfOrigin', label: 'Origin', size: 3 },
];

export function linesOf(rack: RackDetail): EditableLine[] {
  return rack.bom.map(({ partNumber, category, quantity, unitCost, currency, supplier, countryOfOrigin }) => ({
    partNumber,
    category: category as EditableLine['category'],
    quantity,
    unitCost,
    currency,
    supplier,
    countryOfOrigin,
  }));
}

/** What changed against the rack as it stands: only those fields are sent (the BOM whole, as it replaces the current one). */
export function correctionOf(rack: RackDetail, edit: { lot: string; site: string; bom: EditableLine[] }) {
  const bomChanged = JSON.stringify(edit.bom) !== JSON.stringify(linesOf(rack));
  return {
    ...(edit.lot.trim() !== rack.lot ? { lot: edit.lot.trim() } : {}),
    ...(edit.site.trim() !== rack.site ? { site: edit.site.trim() } : {}),
    ...(bomChanged ? { bom: edit.bom.map((line) => ({ ...line, quantity: Number(line.quantity) })) } : {}),
  };
}

/** Intake or an admin corrects the lot, site or BOM lines with a reason; intake recomputes domestic content and keeps the history. */
export function RackCorrectionForm({ rack, onCorrected }: { rack: RackDetail; onCorrected(): void }) {
  const [lot, setLot] = useState(rack.lot);
  const [site, setSite] = useState(rack.site);
  const [bom, setBom] = useState<EditableLine[]>(() => linesOf(rack));
  const [reason, setReason] = useState('');
  const correction = correctionOf(rack, { lot, site, bom });
  const changes = Object.keys(correction);

  const setCell = (index: number, key: keyof EditableLine, value: string) =>
    setBom((lines) => lines.map((line, i) => (i === index ? { ...line, [key]: key === 'quantity' ? Number(value) : value } : line)));

  const { busy, error, submit } = useSubmit(async () => {
    await intakeApi.correctRack(rack.serial, { reason: reason.trim(), ...correction });
    setReason('');
    onCorrected();
  });

  return (
    <form onSubmit={submit} aria-labelledby="correct-title">
      <h3 id="correct-title">Correct the record</h3>
      <span className="field">
        <label htmlFor="correct-lot">Lot</label>
        <input id="correct-lot" value={lot} onChange={(e) => setLot(e.target.value)} required />
      </span>
      <span className="field">
        <label htmlFor="correct-site">Site</label>
        <input id="correct-site" value={site} onChange={(e) => setSite(e.target.value)} required />
      </span>
      <DataTable caption="Bill of materials" columns={[...FIELDS.map((field) => field.label), unseen('Remove')]}>
        {bom.map((line, index) => (
          <tr key={index}>
            {FIELDS.map((field) => (
              <td key={field.key}>
                <input
                  aria-label={`line ${index + 1} ${field.label}`}
                  size={field.size}
                  value={String(line[field.key] ?? '')}
                  onChange={(e) => setCell(index, field.key, e.target.value)}
                  required
                />
              </td>
            ))}
            <td>
              <button
                type="button"
                className="link"
                disabled={bom.length === 1}
                onClick={() => setBom((lines) => lines.filter((_, i) => i !== index))}
              >
                Remove line {index + 1}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <button
        type="button"
        className="link"
        onClick={() => setBom((lines) => [...lines, { ...lines[lines.length - 1], partNumber: '', quantity: 1 }])}
      >
        Add a line
      </button>
      <span className="field">
        <label htmlFor="correct-reason">Reason</label>
        <input id="correct-reason" size={50} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </span>
      <button type="submit" disabled={busy || !changes.length || reason.trim().length < 3}>
        {changes.length ? `Correct ${changes.join(', ')}` : 'Nothing changed'}
      </button>
      <ErrorMessage error={error} title="The correction was not recorded" />
    </form>
  );
}
