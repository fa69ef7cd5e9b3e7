import { useState } from 'react';
import { intakeApi, type RmaDetail } from '../api';
import type { RmaReceipt } from '../api/intake-api';
import { ErrorMessage } from '../errors/error-message';
import { useSubmit } from '../shared/use-submit';
import { localToUtcIso, nowAsLocalInput, RETURN_KIND_LABELS, type ReturnKind } from './rma-words';

interface UnitChoice {
  back: boolean;
  kind: ReturnKind;
  replacementSerial: string;
  note: string;
}

const KINDS = Object.keys(RETURN_KIND_LABELS) as ReturnKind[];

/** The units still with the manufacturer: what the form offers to receive. */
export const unitsAway = (rma: RmaDetail) => rma.units.filter((unit) => !unit.receivedAt);

/**
 * Units of a shipped RMA coming back: per unit still away, whether it is back now, how (repaired, or
 * replaced, under a new serial when one is typed) and a note; when, in the reader's local time (now by
 * default), sent as UTC. The RMA is RECEIVED once its last unit is back.
 */
export function ReceiveUnitsForm({ rma, onChanged }: { rma: RmaDetail; onChanged(next: RmaDetail): void }) {
  const away = unitsAway(rma);
  const [receivedAt, setReceivedAt] = useState(nowAsLocalInput);
  const [choices, setChoices] = useState<Record<string, UnitChoice>>(() =>
    Object.fromEntries(away.map((unit) => [unit.serial, { back: true, kind: 'REPAIRED', replacementSerial: '', note: '' }])),
  );
  const utc = localToUtcIso(receivedAt);
  const units: RmaReceipt['units'] = away
    .filter((unit) => choices[unit.serial]?.back)
    .map((unit) => {
      const choice = choices[unit.serial];
      const replacementSerial = choice.kind === 'REPLACED' ? choice.replacementSerial.trim() : '';
      return {
        serial: unit.serial,
        kind: choice.kind,
        ...(replacementSerial ? { replacementSerial } : {}),
        ...(choice.note.trim() ? { note: choice.note.trim() } : {}),
      };
    });
  const ready = !!utc && units.length > 0;
  const { busy, error, submit } = useSubmit(
    async () => onChanged(await intakeApi.receiveRma(rma.id, { receivedAt: utc, units }, crypto.randomUUID())),
    ready,
  );
  const choose = (serial: string, change: Partial<UnitChoice>) =>
    setChoices((current) => ({ ...current, [serial]: { ...current[serial], ...change } }));

  if (away.length === 0) return null;
  return (
    <form onSubmit={submit} className="stack" aria-label="Receive units back">
      <h3>Receive units back</h3>
      <p className="muted">
        A unit repaired or replaced under its serial is received again as its next incarnation and is inspected afresh; a replacement under
        a new serial arrives as a new rack and the old one is returned. The RMA is received once its last unit is back.
      </p>
      <span className="field">
        <label htmlFor="rma-received-at">Received at (your local time)</label>
        <input id="rma-received-at" type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} required />
      </span>
      {away.map((unit) => {
        const choice = choices[unit.serial];
        const id = (field: string) => `rma-receive-${unit.serial}-${field}`;
        return (
          <fieldset key={unit.serial} aria-label={`Unit ${unit.serial}`} className="inline-form">
            <legend>{unit.serial}</legend>
            <label>
              <input type="checkbox" checked={choice.back} onChange={(e) => choose(unit.serial, { back: e.target.checked })} /> Back now
            </label>
            <span className="field">
              <label htmlFor={id('kind')}>How it came back</label>
              <select
                id={id('kind')}
                value={choice.kind}
                disabled={!choice.back}
                onChange={(e) => choose(unit.serial, { kind: e.target.value as ReturnKind })}
              >
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {RETURN_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </span>
            {choice.kind === 'REPLACED' && (
              <span className="field">
                <label htmlFor={id('replacement')}>Replacement serial (if a new one)</label>
                <input
                  id={id('replacement')}
                  value={choice.replacementSerial}
                  disabled={!choice.back}
                  placeholder={`blank: under ${unit.serial}`}
                  onChange={(e) => choose(unit.serial, { replacementSerial: e.target.value })}
                />
              </span>
            )}
            <span className="field">
              <label htmlFor={id('note')}>Note (optional)</label>
              <input
                id={id('note')}
                size={40}
                maxLength={1000}
                value={choice.note}
                disabled={!choice.back}
                onChange={(e) => choose(unit.serial, { note: e.target.value })}
              />
            </span>
          </fieldset>
        );
      })}
      <button type="submit" className="primary" disabled={busy || !ready}>
        Receive {units.length === 1 ? '1 unit' : `${units.length} units`}
      </button>
      <ErrorMessage error={error} title="The units were not received" />
    </form>
  );
}
