import type { ReactNode } from 'react';

/**
 * A column heading: its words, or `num()` for a right-aligned figure column, or `unseen()` for a
 * column only screen readers name (a row's buttons). `false` leaves an optional column out.
 */
export type Column = string | { label: string; className?: 'num'; unseen?: boolean } | false;

export const num = (label: string): Column => ({ label, className: 'num' });
export const unseen = (label: string): Column => ({ label, unseen: true });

interface Props {
  columns: Column[];
  /** Shown above the table, or read only by screen readers with `captionUnseen`. */
  caption?: ReactNode;
  captionUnseen?: boolean;
  className?: string;
  label?: string;
  /** The body rows (`<tr>`s). */
  children: ReactNode;
}

/** The console's one table: a caption, a row of column headings, then the rows the caller writes. */
export function DataTable({ columns, caption, captionUnseen, className, label, children }: Props) {
  return (
    <table className={className} aria-label={label}>
      {caption !== undefined && <caption className={captionUnseen ? 'visually-hidden' : undefined}>{caption}</caption>}
      <thead>
        <tr>{columns.filter((column) => column !== false).map(heading)}</tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function heading(column: Exclude<Column, false>) {
  if (typeof column === 'string')
    return (
      <th key={column} scope="col">
        {column}
      </th>
    );
  return (
    <th key={column.label} scope="col" className={column.className}>
      {column.unseen ? <span className="visually-hidden">{column.label}</span> : column.label}
    </th>
  );
}
