import { METRIC_NAME_PATTERN } from '@rackeval/contracts';
import { ErrorDetail, isUtcInstant, RequestValidationError } from '@rackeval/platform';
import { MAX_BATCH, UNIT_PATTERN } from './dto/measurement.dto';

export interface MeasurementInput {
  metric: string;
  value: number;
  unit: string;
  component?: string;
  observedAt?: string;
}

const ITEM_KEYS = new Set(['metric', 'value', 'unit', 'component', 'observedAt']);
/** Enough to fix a batch; a batch with thousands of bad items does not need thousands of details. */
const MAX_DETAILS = 100;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A component name as stored: 1-128 characters, stored exactly as sent (tabs, line breaks) but never a NUL, which PostgreSQL refuses. */
export function isComponent(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 128 && !value.includes('\u0000');
}

/** Problems of one item, named by its path (`measurements[12].value`). */
export function itemProblems(item: unknown, at: string): ErrorDetail[] {
  if (!isObject(item)) return [{ field: at, message: 'must be an object' }];
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(item))
    if (!ITEM_KEYS.has(key)) problems.push({ field: `${at}.${key || '(empty key)'}`, message: 'is not a known field' });
  const { metric, value, unit, component, observedAt } = item;
  if (typeof metric !== 'string' || !METRIC_NAME_PATTERN.test(metric)) {
    problems.push({ field: `${at}.metric`, message: 'must be a metric name (lower-case letters, digits, _ . -)' });
  }
  if (typeof value !== 'number') problems.push({ field: `${at}.value`, message: 'must be a number' });
  else if (!Number.isFinite(value)) problems.push({ field: `${at}.value`, message: 'must be a finite number' });
  if (typeof unit !== 'string' || !UNIT_PATTERN.test(unit))
    problems.push({ field: `${at}.unit`, message: 'must be a unit of 1-32 characters without spaces or control characters' });
  if (component !== undefined && !isComponent(component)) {
    problems.push({ field: `${at}.component`, message: 'must be 1-128 characters without NUL (\\u0000)' });
  }
  if (observedAt !== undefined && !isUtcInstant(observedAt)) {
    problems.push({
      field: `${at}.observedAt`,
      message: 'must be a real UTC date-time such as 2026-11-20T14:05:00Z (years 0001-9999, ending in Z)',
    });
  }
  return problems;
}

/**
 * Checks a list of measurements in one pass without building class instances: the hot path for
 * batches of 10,000. Throws one 400 naming the offending items.
 */
export function parseMeasurements(list: unknown, field = 'measurements', { min = 1 } = {}): MeasurementInput[] {
  if (!Array.isArray(list)) throw new RequestValidationError([{ field, message: 'must be an array' }]);
  if (list.length < min || list.length > MAX_BATCH) {
    throw new RequestValidationError([{ field, message: `must hold ${min} to ${MAX_BATCH} measurements (got ${list.length})` }]);
  }
  const problems: ErrorDetail[] = [];
  let bad = 0;
  for (let i = 0; i < list.length; i++) {
    const found = itemProblems(list[i], `${field}[${i}]`);
    if (found.length) {
      bad += 1;
      if (problems.length < MAX_DETAILS) problems.push(...found);
    }
  }
  if (problems.length) {
    throw new RequestValidationError(
      problems.slice(0, MAX_DETAILS),
      `${bad} of ${list.length} measurements are invalid, nothing was written`,
    );
  }
  return list as MeasurementInput[];
}

export function parseMeasurementBatch(body: unknown): MeasurementInput[] {
  if (!isObject(body)) throw new RequestValidationError([{ field: 'body', message: 'must be a JSON object {measurements:[…]}' }]);
  const unknown = Object.keys(body).filter((key) => key !== 'measurements');
  if (unknown.length)
    throw new RequestValidationError(unknown.map((key) => ({ field: key || '(empty key)', message: 'is not a known field' })));
  return parseMeasurements(body.measurements);
}
