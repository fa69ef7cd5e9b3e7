import { useEffect, useState } from 'react';

/**
 * The rows of a table being edited before publishing a new version: the current version's
 * (`loaded`, each made a row by `toRow`), or one empty row when there is none yet.
 */
export function useDraftRows<Loaded, Row>(loaded: Loaded[] | undefined, toRow: (item: Loaded) => Row, empty: () => Row) {
  const [rows, setRows] = useState<Row[]>([empty()]);
  // Only a newly loaded version resets the draft; toRow and empty are plain functions.
  useEffect(() => setRows(loaded ? loaded.map(toRow) : [empty()]), [loaded]);
  return {
    rows,
    update: (i: number, change: Partial<Row>) => setRows(rows.map((row, j) => (j === i ? { ...row, ...change } : row))),
    add: () => setRows([...rows, empty()]),
    remove: (i: number) => setRows(rows.filter((_, j) => j !== i)),
  };
}

/** A row's ✕ button; the last row stays (a version has at least one). */
export function RemoveRowButton({ label, rows, onRemove }: { label: string; rows: number; onRemove(): void }) {
  return (
    <button type="button" aria-label={label} disabled={rows === 1} onClick={onRemove}>
      ✕
    </button>
  );
}

/** Under the rows: one more row, or the whole table published as a new version (the form's submit). */
export function DraftRowButtons({ addLabel, publishLabel, onAdd }: { addLabel: string; publishLabel: string; onAdd(): void }) {
  return (
    <div className="button-row">
      <button type="button" onClick={onAdd}>
        {addLabel}
      </button>
      <button type="submit" className="primary">
        {publishLabel}
      </button>
    </div>
  );
}
