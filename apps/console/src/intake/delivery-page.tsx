import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { BOM_CATEGORIES, intakeApi, type BomCategory, type DeliveryReceipt } from '../api';
import { describeField } from '../errors/error-words';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, unseen } from '../shared/data-table';
import { formatMoney, formatPct } from '../shared/format';
import { GenerationSelect } from '../shared/generation-select';
import { TextField } from '../shared/text-field';
import {
  checkDraft,
  domesticContentPct,
  emptyBomLine,
  emptyDelivery,
  emptyRack,
  toDelivery,
  type BomLineDraft,
  type DeliveryDraft,
  type RackDraft,
} from './delivery-draft';

/** Intake's delivery entry: the delivery, its racks and each rack's bill of materials. */
export function DeliveryPage() {
  const [draft, setDraft] = useState<DeliveryDraft>(emptyDelivery);
  const [problems, setProblems] = useState<Array<{ field: string; message: string }>>([]);
  const [error, setError] = useState<unknown>();
  const [receipt, setReceipt] = useState<DeliveryReceipt>();
  const [busy, setBusy] = useState(false);

  const setRack = (index: number, rack: RackDraft) => setDraft({ ...draft, racks: draft.racks.map((r, i) => (i === index ? rack : r)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkDraft(draft);
    setProblems(found);
    setError(undefined);
    if (found.length) return;
    setBusy(true);
    try {
      setReceipt(await intakeApi.registerDelivery(toDelivery(draft)));
      setDraft(emptyDelivery());
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="delivery-title">
      <h1 id="delivery-title">New delivery</h1>
      <p>
        Many racks? <Link to="/intake/manifest">Upload a CSV manifest</Link> instead.
      </p>
      {receipt && <DeliveryReceiptView receipt={receipt} />}
      <form onSubmit={submit} className="stack" noValidate>
        <fieldset className="grid-3">
          <legend>Delivery</legend>
          <TextField
            id="reference"
            label="Carrier reference"
            value={draft.reference}
            onChange={(reference) => setDraft({ ...draft, reference })}
          />
          <TextField id="site" label="Test site" value={draft.site} onChange={(site) => setDraft({ ...draft, site })} />
          <TextField
            id="receivedAt"
            label="Received at"
            type="datetime-local"
            value={draft.receivedAt}
            onChange={(receivedAt) => setDraft({ ...draft, receivedAt })}
          />
        </fieldset>
        {draft.racks.map((rack, r) => (
          <RackFieldset
            key={r}
            index={r}
            rack={rack}
            onChange={(next) => setRack(r, next)}
            onRemove={draft.racks.length > 1 ? () => setDraft({ ...draft, racks: draft.racks.filter((_, i) => i !== r) }) : undefined}
          />
        ))}
        <button type="button" onClick={() => setDraft({ ...draft, racks: [...draft.racks, emptyRack(draft.racks.at(-1)?.generation)] })}>
          Add another rack
        </button>
        {problems.length > 0 && (
          <div className="error" role="alert">
            <p className="error-summary">Please fix these before sending:</p>
            <ul className="error-details">
              {problems.map((problem, i) => (
                <li key={i}>
                  <strong>{describeField(problem.field)}:</strong> {problem.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <ErrorMessage error={error} title="The delivery was not registered" />
        <button type="submit" className="primary" disabled={busy}>
          Register delivery
        </button>
      </form>
    </section>
  );
}

function RackFieldset({
  index,
  rack,
  onChange,
  onRemove,
}: {
  index: number;
  rack: RackDraft;
  onChange(rack: RackDraft): void;
  onRemove?: () => void;
}) {
  const at = `rack-${index}`;
  const setLine = (l: number, line: BomLineDraft) => onChange({ ...rack, bom: rack.bom.map((x, i) => (i === l ? line : x)) });
  const pct = domesticContentPct(rack.bom);
  return (
    <fieldset className="rack-fieldset">
      <legend>Rack {index + 1}</legend>
      <div className="grid-3">
        <TextField id={`${at}-serial`} label="Serial" value={rack.serial} onChange={(serial) => onChange({ ...rack, serial })} />
        <GenerationSelect
          id={`${at}-generation`}
          label="Generation"
          value={rack.generation}
          onChange={(generation) => onChange({ ...rack, generation })}
          required
        />
        <TextField id={`${at}-lot`} label="Manufacturing lot" value={rack.lot} onChange={(lot) => onChange({ ...rack, lot })} />
      </div>
      <DataTable
        className="bom-entry"
        caption={<>Bill of materials — domestic content {pct === null ? '—' : formatPct(pct)}</>}
        columns={['Part number', 'Category', 'Qty', 'Unit cost', 'Currency', 'Supplier', 'Origin', unseen('Remove')]}
      >
        {rack.bom.map((line, l) => {
          const cell = (field: keyof BomLineDraft, label: string, width?: string) => (
            <td>
              <input
                aria-label={`${label}, rack ${index + 1} line ${l + 1}`}
                value={line[field]}
                style={width ? { width } : undefined}
                onChange={(e) => setLine(l, { ...line, [field]: e.target.value })}
              />
            </td>
          );
          return (
            <tr key={l}>
              {cell('partNumber', 'Part number')}
              <td>
                <select
                  aria-label={`Category, rack ${index + 1} line ${l + 1}`}
                  value={line.category}
                  onChange={(e) => setLine(l, { ...line, category: e.target.value as BomCategory })}
                >
                  {BOM_CATEGORIES.map((category) => (
                    <option key={category}>{category}</option>
                  ))}
                </select>
              </td>
              {cell('quantity', 'Quantity', '4rem')}
              {cell('unitCost', 'Unit cost', '7rem')}
              {cell('currency', 'Currency', '4rem')}
              {cell('supplier', 'Supplier')}
              {cell('countryOfOrigin', 'Country of origin', '3rem')}
              <td>
                {rack.bom.length > 1 && (
                  <button
                    type="button"
                    aria-label={`Remove line ${l + 1} of rack ${index + 1}`}
                    onClick={() => onChange({ ...rack, bom: rack.bom.filter((_, i) => i !== l) })}
                  >
                    ✕
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <div className="button-row">
        <button
          type="button"
          onClick={() => onChange({ ...rack, bom: [...rack.bom, { ...emptyBomLine(), currency: rack.bom.at(-1)?.currency ?? 'USD' }] })}
        >
          Add BOM line
        </button>
        {onRemove && (
          <button type="button" className="danger" onClick={onRemove}>
            Remove rack {index + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}

export function DeliveryReceiptView({ receipt }: { receipt: DeliveryReceipt }) {
  return (
    <div className="notice" role="status">
      <p>
        Delivery <strong>{receipt.reference}</strong> registered with {receipt.racks.length} rack{receipt.racks.length === 1 ? '' : 's'}:
      </p>
      <ul>
        {receipt.racks.map((rack) => (
          <li key={rack.serial}>
            <Link to={`/racks/${encodeURIComponent(rack.serial)}`}>{rack.serial}</Link> — {rack.bomLines} BOM lines,{' '}
            {formatMoney(rack.bomCost, rack.bomCurrency)}, domestic content {formatPct(rack.domesticContentPct)} (target{' '}
            {formatPct(rack.domesticContentTargetPct)})
          </li>
        ))}
      </ul>
    </div>
  );
}
