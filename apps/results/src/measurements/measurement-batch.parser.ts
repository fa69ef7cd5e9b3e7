import { METRIC_NAME_PATTERN } from '@rackeval/contracts';
import { ErrorDetail, JsonArrayItems, jsonBodyOf, refuseNulCharacters, RequestValidationError } from '@rackeval/platform';
import { MAX_BATCH, UNIT_PATTERN } from './dto/measurement.dto';
import { isUtcInstantQuick } from './instant-check';

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

/**
 * Names found good, so that a batch's few metrics and units are matched against their patterns
 * once, not once per item. Only good names are kept, at most `MAX_KNOWN` of each (then no more
 * are added): a batch of distinct bad names cannot grow it.
 */
const MAX_KNOWN = 1_000;
const knownMetrics = new Set<string>();
const knownUnits = new Set<string>();

function isMetricName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (knownMetrics.has(value)) return true;
  if (!METRIC_NAME_PATTERN.test(value)) return false;
  if (knownMetrics.size < MAX_KNOWN) knownMetrics.add(value);
  return true;
}

export function isUnit(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (knownUnits.has(value)) return true;
  if (!UNIT_PATTERN.test(value)) return false;
  if (knownUnits.size < MAX_KNOWN) knownUnits.add(value);
  return true;
}

/** Whether `itemProblems` finds nothing, checked without building paths or details (the hot path). */
function isGoodItem(item: unknown): boolean {
  if (!isObject(item)) return false;
  for (const key of Object.keys(item)) if (!ITEM_KEYS.has(key)) return false;
  const { metric, value, unit, component, observedAt } = item;
  return (
    isMetricName(metric) &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    isUnit(unit) &&
    (component === undefined || isComponent(component)) &&
    (observedAt === undefined || isUtcInstantQuick(observedAt))
  );
}

/** Problems of one item, named by its path (`measurements[12].value`). */
export function itemProblems(item: unknown, at: string): ErrorDetail[] {
  if (!isObject(item)) return [{ field: at, message: 'must be an object' }];
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(item))
    if (!ITEM_KEYS.has(key)) problems.push({ field: `${at}.${key || '(empty key)'}`, message: 'is not a known field' });
  const { metric, value, unit, component, observedAt } = item;
  if (!isMetricName(metric)) {
    problems.push({ field: `${at}.metric`, message: 'must be a metric name (lower-case letters, digits, _ . -)' });
  }
  if (typeof value !== 'number') problems.push({ field: `${at}.value`, message: 'must be a number' });
  else if (!Number.isFinite(value)) problems.push({ field: `${at}.value`, message: 'must be a finite number' });
  if (!isUnit(unit))
    problems.push({ field: `${at}.unit`, message: 'must be a unit of 1-32 characters without spaces or control characters' });
  if (component !== undefined && !isComponent(component)) {
    problems.push({ field: `${at}.component`, message: 'must be 1-128 characters without NUL (\\u0000)' });
  }
  if (observedAt !== undefined && !isUtcInstantQuick(observedAt)) {
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
    if (isGoodItem(list[i])) continue;
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
  return MeasurementBatch.of(body).checkAll();
}

/**
 * A batch whose shape (an object holding 1 to MAX_BATCH measurements) is checked at once and its
 * items as they are reached, so that a large batch's first rows can be on their way to PostgreSQL
 * while the rest are still checked. The verdict is `parseMeasurementBatch`'s: when an item is bad,
 * the whole batch is checked and one 400 names every bad item, as if it had been checked first.
 * A batch that came as JSON text (`fromBody`) is also parsed as its items are reached; text that is
 * not JSON anywhere in it gets the JSON body parser's 400 before any other answer.
 */
export class MeasurementBatch {
  private checked = 0;

  private constructor(
    readonly items: readonly MeasurementInput[],
    /** The items' text, parsed into `items` as they are reached; none when the body came parsed. */
    private readonly text?: JsonArrayItems,
  ) {}

  /**
   * The route's body: JSON text (the route reads it as text, see `resultsService`) or an already
   * parsed value. Text of the usual shape, `{"measurements": [ … ]}`, is split into its items now
   * and parsed as they are checked; any other text is parsed whole, as the body parser would.
   */
  static fromBody(body: unknown): MeasurementBatch {
    if (typeof body !== 'string') return MeasurementBatch.of(body);
    const text = JsonArrayItems.of(body, 'measurements');
    if (!text) return MeasurementBatch.of(jsonBodyOf(body));
    checkCount(text.length);
    return new MeasurementBatch(new Array<MeasurementInput>(text.length), text);
  }

  /** Refuses (400) a body that is not `{measurements: [...]}` with 1 to MAX_BATCH entries; the entries are not checked yet. */
  static of(body: unknown): MeasurementBatch {
    if (!isObject(body)) throw new RequestValidationError([{ field: 'body', message: 'must be a JSON object {measurements:[…]}' }]);
    const unknown = Object.keys(body).filter((key) => key !== 'measurements');
    if (unknown.length)
      throw new RequestValidationError(unknown.map((key) => ({ field: key || '(empty key)', message: 'is not a known field' })));
    const list = body.measurements;
    if (!Array.isArray(list)) throw new RequestValidationError([{ field: 'measurements', message: 'must be an array' }]);
    checkCount(list.length);
    return new MeasurementBatch(list as MeasurementInput[]);
  }

  get length(): number {
    return this.items.length;
  }

  /** Checks the items before `end` not checked yet; throws the batch's 400 when one is bad. */
  checkTo(end: number): void {
    const last = Math.min(end, this.items.length);
    this.text?.parseTo(last, this.items as MeasurementInput[]);
    for (let i = this.checked; i < last; i++) {
      if (isGoodItem(this.items[i])) continue;
      if (this.text) {
        // As the JSON body parser and the validation pipe answered before the route ran: text that is not JSON, then U+0000.
        this.text.parseTo(this.items.length, this.items as MeasurementInput[]);
        refuseNulCharacters({ measurements: this.items });
      }
      parseMeasurements(this.items);
    }
    this.checked = Math.max(this.checked, last);
  }

  /** Every item checked: the batch's items, or its 400. */
  checkAll(): MeasurementInput[] {
    this.checkTo(this.items.length);
    return this.items as MeasurementInput[];
  }
}

function checkCount(count: number): void {
  if (count < 1 || count > MAX_BATCH) {
    throw new RequestValidationError([{ field: 'measurements', message: `must hold 1 to ${MAX_BATCH} measurements (got ${count})` }]);
  }
}
