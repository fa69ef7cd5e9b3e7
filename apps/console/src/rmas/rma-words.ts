import type { RmaState, RmaUnit } from '../api';

/** How a unit came back: REPAIRED or REPLACED (intake's RmaReturnKind). */
export type ReturnKind = NonNullable<RmaUnit['kind']>;

export const RMA_STATE_LABELS: Record<RmaState, string> = {
  OPEN: 'Open',
  SHIPPED: 'Shipped',
  RECEIVED: 'Received',
  CANCELLED: 'Cancelled',
};

/** An RMA in these states holds its units (apps/intake/src/rmas/rma.rules.ts ACTIVE_RMA_STATES). */
export const ACTIVE_RMA_STATES: ReadonlySet<RmaState> = new Set(['OPEN', 'SHIPPED']);

/** A `datetime-local` value (the reader's local time) as a UTC ISO-8601 instant, or '' when it is not a date. */
export function localToUtcIso(local: string): string {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** Now, as a `datetime-local` value in the reader's time zone, to the minute. */
export function nowAsLocalInput(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** Finding ids typed as a list: separated by commas, spaces or lines; blanks dropped, repeats once. */
export const parseIdList = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** How a unit came back from the manufacturer (intake's RmaReturnKind), in words. */
export const RETURN_KIND_LABELS: Record<ReturnKind, string> = {
  REPAIRED: 'Repaired',
  REPLACED: 'Replaced',
};
