import { parseRfc3339 } from '@rackeval/platform';

/**
 * Date-time checks for the ingestion hot paths, by character codes: the same verdicts as the
 * platform's `isUtcInstant` and `parseRfc3339` (a spec holds them to it), without the regular
 * expression's captures, `map(Number)` and `Date` objects, which made checking `observedAt` most of
 * the validation of a 10,000-row batch.
 */

const ZERO = 0x30;
const T = 0x54;
const Z = 0x5a;
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;

/** The value of the `count` ASCII digits at `at`, or -1 when one of them is not a digit. */
export function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const FIELDS = new Int32Array(6);

/**
 * The year, month, day, hours, minutes and seconds of `YYYY-MM-DDTHH:MM:SS…`, each -1 where its
 * characters are not digits. The same array is refilled by each call: read it before the next.
 */
export function dateTimeFields(value: string): Int32Array {
  FIELDS[0] = digits(value, 0, 4);
  FIELDS[1] = digits(value, 5, 2);
  FIELDS[2] = digits(value, 8, 2);
  FIELDS[3] = digits(value, 11, 2);
  FIELDS[4] = digits(value, 14, 2);
  FIELDS[5] = digits(value, 17, 2);
  return FIELDS;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `value` is `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` (upper-case T and Z) whose every field is
 * real, in years 0001-9999 (in UTC the year is the one written, so no Date is needed to tell).
 */
function isUtcForm(value: string): boolean {
  const length = value.length;
  if (length < 20 || length > 30 || length === 21) return false;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH || value.charCodeAt(10) !== T) return false;
  if (value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON || value.charCodeAt(length - 1) !== Z) return false;
  if (length > 20 && (value.charCodeAt(19) !== DOT || digits(value, 20, length - 21) < 0)) return false;
  const [year, month, day, hours, minutes, seconds] = dateTimeFields(value);
  if (year < 1 || month < 1 || month > 12 || day < 1 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return false;
  return seconds >= 0 && seconds <= 59 && day <= daysIn(year, month);
}

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` (upper-case T and Z) whose every
 * field is real, in years 0001-9999; undefined for anything else, including the other RFC 3339
 * forms (an offset, lower-case t or z), which `parseRfc3339` reads.
 */
export function utcInstantMillis(value: string): number | undefined {
  if (!isUtcForm(value)) return undefined;
  const fraction = value.length - 21; // 1-9 digits, of which the first three are milliseconds
  const ms = fraction <= 0 ? 0 : fraction >= 3 ? digits(value, 20, 3) : digits(value, 20, fraction) * (fraction === 1 ? 100 : 10);
  const year = digits(value, 0, 4);
  const instant = Date.UTC(
    year,
    digits(value, 5, 2) - 1,
    digits(value, 8, 2),
    digits(value, 11, 2),
    digits(value, 14, 2),
    digits(value, 17, 2),
    ms,
  );
  // Date.UTC maps years 0-99 to 1900-1999.
  return year < 100 ? new Date(instant).setUTCFullYear(year) : instant;
}

/** `isUtcInstant` of the platform: `2026-11-20T14:05:00Z` or with 1-9 fractional digits, a real instant in years 0001-9999. */
export function isUtcInstantQuick(value: unknown): value is string {
  return typeof value === 'string' && isUtcForm(value);
}

/** `parseRfc3339` of the platform, answering the usual UTC form without its regular expression. */
export function rfc3339Millis(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  return utcInstantMillis(value) ?? parseRfc3339(value);
}

/**
 * The instant of `value` (which `rfc3339Millis` read as `millis`) as `Date.toISOString` writes it:
 * `value` itself when it already is that form (UTC, milliseconds), without building a Date.
 */
export function isoOf(value: string, millis: number): string {
  return value.length === 24 && value.charCodeAt(19) === DOT && value.charCodeAt(23) === Z && value.charCodeAt(10) === T
    ? value
    : new Date(millis).toISOString();
}

/**
 * An RFC 3339 date-time (any offset) as `Date.toISOString` writes its instant, or undefined where
 * `parseRfc3339` finds none: the text itself when it already is that form, without building a Date.
 */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length === 24 && value.charCodeAt(19) === DOT && isUtcForm(value)) return value;
  const millis = rfc3339Millis(value);
  return millis === undefined ? undefined : new Date(millis).toISOString();
}
