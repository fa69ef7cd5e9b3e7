import type { Comparator, Criterion, CriterionCategory, Suite } from '../api';

/** Form rows as typed; turned into request bodies by the functions below. */
export interface SuiteRow {
  key: string;
  name: string;
  required: boolean;
  maxAttempts: string;
  metrics: string;
}

export interface CriterionRow {
  metric: string;
  unit: string;
  comparator: Comparator;
  min: string;
  max: string;
  required: boolean;
  category: CriterionCategory;
}

export const emptySuiteRow = (): SuiteRow => ({ key: '', name: '', required: true, maxAttempts: '2', metrics: '' });
export const emptyCriterionRow = (): CriterionRow => ({
  metric: '',
  unit: '',
  comparator: 'gte',
  min: '',
  max: '',
  required: true,
  category: 'performance',
});

export const suiteToRow = (suite: Suite): SuiteRow => ({
  ...suite,
  maxAttempts: String(suite.maxAttempts),
  metrics: suite.metrics.join(', '),
});
export const criterionToRow = (c: Criterion): CriterionRow => ({
  metric: c.metric,
  unit: c.unit,
  comparator: c.comparator,
  min: c.min === undefined ? '' : String(c.min),
  max: c.max === undefined ? '' : String(c.max),
  required: c.required,
  category: c.category,
});

/** Metrics are typed as a comma- or space-separated list. */
export const splitMetrics = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function toSuites(rows: readonly SuiteRow[]): Suite[] {
  return rows.map((row) => ({
    key: row.key.trim(),
    name: row.name.trim(),
    required: row.required,
    maxAttempts: Number(row.maxAttempts),
    metrics: splitMetrics(row.metrics),
  }));
}

/** Which thresholds a comparator needs: gte a min, lte a max, between both. */
export function thresholdsNeeded(comparator: Comparator): { min: boolean; max: boolean } {
  return { min: comparator !== 'lte', max: comparator !== 'gte' };
}

/** Problems in the criteria rows, named by row, before anything is sent. */
export function checkCriteria(rows: readonly CriterionRow[]): string[] {
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const at = `criterion ${i + 1}`;
    if (!row.metric.trim()) problems.push(`${at}: the metric is required`);
    if (!row.unit.trim()) problems.push(`${at}: the unit is required`);
    const need = thresholdsNeeded(row.comparator);
    if (need.min && !Number.isFinite(Number.parseFloat(row.min))) problems.push(`${at}: a minimum is required for ${row.comparator}`);
    if (need.max && !Number.isFinite(Number.parseFloat(row.max))) problems.push(`${at}: a maximum is required for ${row.comparator}`);
    if (row.comparator === 'between' && Number(row.min) > Number(row.max)) problems.push(`${at}: the minimum is above the maximum`);
  });
  return problems;
}

export function toCriteria(rows: readonly CriterionRow[]): Criterion[] {
  return rows.map((row) => {
    const need = thresholdsNeeded(row.comparator);
    return {
      metric: row.metric.trim(),
      unit: row.unit.trim(),
      comparator: row.comparator,
      ...(need.min ? { min: Number(row.min) } : {}),
      ...(need.max ? { max: Number(row.max) } : {}),
      required: row.required,
      category: row.category,
    };
  });
}
