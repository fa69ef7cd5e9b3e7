import type { ResultsProgramme } from '../api';

/** Findings of one origin (a supplier, a lot) as results' programme counts them, by failure class. */
export interface FindingTally {
  findings: number;
  open: number;
  /** Most open first, then most findings; the untriaged (null class) last. */
  byClass: Array<{ failureClass: string | null; findings: number; open: number }>;
  /**
   * False when some generation listed only its 20 origins with the most open findings and this one was not among
   * them: the counts are then a floor.
   */
  complete: boolean;
}

type Generation = ResultsProgramme['generations'][number];
type OriginFindings = Generation['findingsBySupplier'][number] | Generation['findingsByLot'][number];

/** Results lists at most this many known origins per generation (then the unknown one). */
export const ORIGINS_LISTED = 20;

/** One origin's findings added up over the generations given; undefined when results has none for it anywhere. */
function tally<T extends OriginFindings>(
  lists: ReadonlyArray<readonly T[]>,
  isOrigin: (entry: T) => boolean,
  known: (entry: T) => boolean,
): FindingTally | undefined {
  let complete = true;
  const found: T[] = [];
  for (const list of lists) {
    const entry = list.find(isOrigin);
    if (entry) found.push(entry);
    else if (list.filter(known).length >= ORIGINS_LISTED) complete = false;
  }
  if (!found.length) return complete ? undefined : { findings: 0, open: 0, byClass: [], complete };
  const classes = new Map<string | null, { failureClass: string | null; findings: number; open: number }>();
  for (const entry of found)
    for (const c of entry.byClass) {
      const sum = classes.get(c.failureClass) ?? { failureClass: c.failureClass, findings: 0, open: 0 };
      sum.findings += c.findings;
      sum.open += c.open;
      classes.set(c.failureClass, sum);
    }
  const byClass = [...classes.values()].sort(
    (a, b) =>
      Number(a.failureClass === null) - Number(b.failureClass === null) ||
      b.open - a.open ||
      b.findings - a.findings ||
      String(a.failureClass).localeCompare(String(b.failureClass)),
  );
  return {
    findings: found.reduce((sum, e) => sum + e.findings, 0),
    open: found.reduce((sum, e) => sum + e.open, 0),
    byClass,
    complete,
  };
}

/** A supplier's findings across every generation (a finding counts for the supplier of the BOM line it was triaged on). */
export function supplierFindings(results: ResultsProgramme | undefined, supplier: string): FindingTally | undefined {
  if (!results) return undefined;
  return tally(
    results.generations.map((g) => g.findingsBySupplier),
    (entry) => entry.supplier === supplier,
    (entry) => entry.supplier !== null,
  );
}

/** A lot's findings in its generation. */
export function lotFindings(results: ResultsProgramme | undefined, generation: string, lot: string): FindingTally | undefined {
  const figures = results?.generations.find((g) => g.generation === generation);
  if (!figures) return undefined;
  return tally(
    [figures.findingsByLot],
    (entry) => entry.lot === lot,
    (entry) => entry.lot !== null,
  );
}

/** "2 of 5" open of all; a floor ("at least") when a generation did not list the origin. */
export function openInWords(tally: FindingTally | undefined): string {
  if (!tally) return 'none';
  if (!tally.complete && tally.findings === 0) return `not among the ${ORIGINS_LISTED} listed`;
  return `${tally.complete ? '' : 'at least '}${tally.open} of ${tally.findings}`;
}

/** "Power 2 (1 open) · Unclassified 1 (1 open)": each class with its findings and how many are still open. */
export function classesInWords(tally: FindingTally | undefined, label: (failureClass: string | null) => string): string {
  if (!tally || !tally.byClass.length) return '—';
  return tally.byClass.map((c) => `${label(c.failureClass)} ${c.findings}${c.open ? ` (${c.open} open)` : ''}`).join(' · ');
}
