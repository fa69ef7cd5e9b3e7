import { FINDING_STATES, type FindingState } from '@rackeval/contracts';
import { ORIGINS_SHOWN } from './programme.rules';

/** Findings past these states are closed; every other state counts as open. */
export const CLOSED_FINDING_STATES: readonly FindingState[] = ['VERIFIED', 'WONT_FIX'];

/** Findings of one origin counted by failure class and state (one row per combination present). */
export interface FindingCountRow {
  origin: string | null;
  failureClass: string | null;
  state: FindingState;
  findings: number;
}

export interface FindingOriginFigures {
  origin: string | null;
  findings: number;
  open: number;
  /** Most findings first, then the class name; the untriaged (null class) last. */
  byClass: Array<{ failureClass: string | null; findings: number; open: number }>;
  /** In the order of the finding lifecycle; states with no finding left out. */
  byState: Array<{ state: FindingState; findings: number }>;
}

const isOpen = (state: FindingState) => !CLOSED_FINDING_STATES.includes(state);
const nullsLast = (a: string | null, b: string | null) => (a === null ? 1 : 0) - (b === null ? 1 : 0) || (a ?? '').localeCompare(b ?? '');

/**
 * Findings by lot or by supplier within one generation: how many, how many still open, by failure
 * class and by state. Most open findings first, then most findings, then the name; only the first
 * `shown` named origins, then the findings whose origin is unknown (null: a lot results has not
 * learnt, or a finding not triaged on a BOM line, so no supplier) when there are any.
 */
export function findingFigures(rows: readonly FindingCountRow[], shown = ORIGINS_SHOWN): FindingOriginFigures[] {
  const byOrigin = new Map<string | null, FindingCountRow[]>();
  for (const row of rows) byOrigin.set(row.origin, [...(byOrigin.get(row.origin) ?? []), row]);
  const figures = [...byOrigin].map(([origin, own]): FindingOriginFigures => {
    const classes = new Map<string | null, { failureClass: string | null; findings: number; open: number }>();
    const states = new Map<FindingState, number>();
    for (const row of own) {
      const cls = classes.get(row.failureClass) ?? { failureClass: row.failureClass, findings: 0, open: 0 };
      cls.findings += row.findings;
      if (isOpen(row.state)) cls.open += row.findings;
      classes.set(row.failureClass, cls);
      states.set(row.state, (states.get(row.state) ?? 0) + row.findings);
    }
    const byClass = [...classes.values()].sort((a, b) =>
      a.failureClass === null || b.failureClass === null
        ? nullsLast(a.failureClass, b.failureClass)
        : b.findings - a.findings || a.failureClass.localeCompare(b.failureClass),
    );
    return {
      origin,
      findings: byClass.reduce((sum, c) => sum + c.findings, 0),
      open: byClass.reduce((sum, c) => sum + c.open, 0),
      byClass,
      byState: FINDING_STATES.filter((state) => states.has(state)).map((state) => ({ state, findings: states.get(state)! })),
    };
  });
  const named = figures
    .filter((f) => f.origin !== null)
    .sort((a, b) => b.open - a.open || b.findings - a.findings || a.origin!.localeCompare(b.origin!))
    .slice(0, shown);
  return [...named, ...figures.filter((f) => f.origin === null)];
}
