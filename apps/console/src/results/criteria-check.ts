import type { Criterion } from '@rackeval/api-client';

export type TypedVerdict = 'empty' | 'invalid' | 'pass' | 'fail';

export interface TypedCheck {
  verdict: TypedVerdict;
  /** What the person reads beside the field, e.g. "below the minimum of 3000 tokens/s". */
  explanation: string;
}

/** Reads a typed number; accepts a decimal comma and surrounding spaces, nothing else. */
export function parseTypedNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The target in words, e.g. "≥ 3000 tokens/s" or "between 20 and 35 °C". */
export function describeTarget(criterion: Criterion): string {
  const unit = criterion.unit;
  switch (criterion.comparator) {
    case 'gte':
      return `≥ ${criterion.min} ${unit}`;
    case 'lte':
      return `≤ ${criterion.max} ${unit}`;
    case 'between':
      return `between ${criterion.min} and ${criterion.max} ${unit}`;
  }
}

/**
 * Judges one typed value the way results judges a measured figure (thresholds inclusive), so the
 * form shows pass/fail as the engineer types. The service's verdict (on the aggregate of every
 * sample) stays the one that counts.
 */
export function checkTypedValue(criterion: Criterion, text: string): TypedCheck {
  if (!text.trim()) return { verdict: 'empty', explanation: `target ${describeTarget(criterion)}` };
  const value = parseTypedNumber(text);
  if (value === null) return { verdict: 'invalid', explanation: 'not a number' };
  const { min, max, unit } = criterion;
  if ((criterion.comparator === 'gte' || criterion.comparator === 'between') && min !== undefined && value < min) {
    return { verdict: 'fail', explanation: `below the minimum of ${min} ${unit}` };
  }
  if ((criterion.comparator === 'lte' || criterion.comparator === 'between') && max !== undefined && value > max) {
    return { verdict: 'fail', explanation: `above the maximum of ${max} ${unit}` };
  }
  return { verdict: 'pass', explanation: `meets ${describeTarget(criterion)}` };
}
