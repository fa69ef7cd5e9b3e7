import type { GenerationComparison } from '../api';

/** A figure that may arrive as a number or a decimal string; null when absent or not a number. */
export function figure(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

export interface GenerationBox {
  generation: string;
  unit: string;
  min: number;
  p50: number;
  p90: number;
  max: number;
  passRatePct: number | null;
  runs: number;
}

/** The rows that can be drawn: generations with every figure of the distribution. */
export function drawableBoxes(comparison: GenerationComparison): GenerationBox[] {
  return comparison.generations.flatMap((row) => {
    const [min, p50, p90, max] = [row.min, row.p50, row.p90, row.max].map(figure);
    if (min === null || p50 === null || p90 === null || max === null) return [];
    return [{ generation: row.generation, unit: row.unit, min, p50, p90, max, passRatePct: figure(row.passRatePct), runs: row.runs }];
  });
}

/** "+12.5 %" / "−3.0 %" / "—": a relative difference with its sign spelled out. */
export function signedPct(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${Math.abs(value).toFixed(1)} %`;
}
