import type {
  IntakeGenerationFigures,
  IntakeProgramme,
  MoneyTotal,
  OptionGenerationFigures,
  PurchaseOptionProgramme,
  ResultsGenerationFigures,
  ResultsProgramme,
  TestRunGenerationFigures,
  TestRunProgramme,
} from '../api';

/** What each service answered; a service that did not answer leaves its part undefined. */
export interface ProgrammeData {
  intake?: IntakeProgramme;
  testRun?: TestRunProgramme;
  results?: ResultsProgramme;
  options?: PurchaseOptionProgramme;
}

/** One generation's figures from the four services, side by side. */
export interface GenerationColumn {
  generation: string;
  name: string | null;
  intake?: IntakeGenerationFigures;
  testRun?: TestRunGenerationFigures;
  results?: ResultsGenerationFigures;
  options?: OptionGenerationFigures;
}

/** Every generation any service knows, in code order, with what each service says of it. */
export function generationColumns(data: ProgrammeData): GenerationColumn[] {
  const codes = new Set<string>();
  for (const part of [data.intake, data.testRun, data.results, data.options]) part?.generations.forEach((g) => codes.add(g.generation));
  const find = <T extends { generation: string }>(list: T[] | undefined, code: string) => list?.find((g) => g.generation === code);
  return [...codes]
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .map((generation) => {
      const intake = find(data.intake?.generations, generation);
      return {
        generation,
        name: intake?.name ?? null,
        intake,
        testRun: find(data.testRun?.generations, generation),
        results: find(data.results?.generations, generation),
        options: find(data.options?.generations, generation),
      };
    });
}

export interface Bar {
  key: string;
  label: string;
  count: number;
  /** Share of the total, 0–1. */
  share: number;
}

/** Counts as bars with their share of the total; zero counts are left out (nothing to draw). */
export function bars(counts: ReadonlyArray<{ key: string; count: number }>, label: (key: string) => string = humanise): Bar[] {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return counts
    .filter((c) => c.count > 0)
    .map((c) => ({ key: c.key, label: label(c.key), count: c.count, share: total ? c.count / total : 0 }));
}

/** RELEASED_FOR_EVALUATION → "Released for evaluation". */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Money in every currency it comes in, never added across currencies: "3,000,000.00 USD + 900.00 EUR"; "—" for none. */
export function moneyInWords(totals: readonly MoneyTotal[], format: (amount: string, currency: string) => string): string {
  return totals.length ? totals.map((t) => format(t.amount, t.currency)).join(' + ') : '—';
}

export interface TrendPoint {
  generation: string;
  mean: number;
  min: number;
  max: number;
  target: number;
}

/** Domestic content across generations: mean with its range and the target, for generations with racks. */
export function domesticTrend(columns: readonly GenerationColumn[]): TrendPoint[] {
  return columns.flatMap(({ generation, intake }) => {
    const d = intake?.domesticContent;
    if (!d || d.meanPct === null || d.minPct === null || d.maxPct === null) return [];
    return [{ generation, mean: Number(d.meanPct), min: Number(d.minPct), max: Number(d.maxPct), target: Number(d.targetPct) }];
  });
}

/** A decimal string or number to a number for drawing; null stays null. */
export const toNumber = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? null : Number(value);

/** Whether a measured figure is inside a target band (open ends where the criterion has none). */
export function withinBand(value: number | null, band: { targetMin: number | null; targetMax: number | null }): boolean | null {
  if (value === null) return null;
  return (band.targetMin === null || value >= band.targetMin) && (band.targetMax === null || value <= band.targetMax);
}

/** One lot or supplier of a generation's failures, as the results service counts them (racks, and failed runs beside). */
export interface OriginFailure {
  name: string | null;
  concluded: number;
  failed: number;
  failureRatePct: string | null;
  failedRuns: number;
}

export interface OriginLine extends OriginFailure {
  key: string;
  label: string;
}

/**
 * The origins to show at a glance: the first `shown` in the server's order (most failed racks
 * first), the rest folded away, and the racks of unknown origin always in view (they say the
 * figures are incomplete: racks received before results kept lots and suppliers).
 */
export function originLines(
  items: readonly OriginFailure[],
  unknownLabel: string,
  shown = 5,
): { lines: OriginLine[]; folded: OriginLine[] } {
  const line = (item: OriginFailure): OriginLine => ({ ...item, key: item.name ?? '\u0000unknown', label: item.name ?? unknownLabel });
  const named = items.filter((item) => item.name !== null).map(line);
  const unknown = items.filter((item) => item.name === null).map(line);
  return { lines: [...named.slice(0, shown), ...unknown], folded: named.slice(shown) };
}
