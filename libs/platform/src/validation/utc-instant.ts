const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The years PostgreSQL's timestamptz and JavaScript's Date both round-trip as four-digit ISO strings. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/**
 * Milliseconds since the epoch of a date-time whose every field is real: month 1-12, a day the
 * month has (Feb 29 only in leap years), hours 0-23, minutes and seconds 0-59, a UTC offset of at
 * most ±23:59, and a UTC year within 0001-9999. Anything else is undefined: `Date.parse` would roll
 * Feb 30 over into March and PostgreSQL would refuse year 0000 with an error.
 */
function instantOf(match: RegExpExecArray | null, offsetSign?: string, offsetHours?: string, offsetMinutes?: string): number | undefined {
  if (!match) return undefined;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  if (day > daysIn(year, month)) return undefined;
  const fraction = match[7] ?? '';
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  let instant = Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
  // Date.UTC maps years 0-99 to 1900-1999.
  if (year < 100) instant = new Date(instant).setUTCFullYear(year);
  if (offsetSign) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    instant -= (offsetSign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const utcYear = new Date(instant).getUTCFullYear();
  return utcYear >= MIN_YEAR && utcYear <= MAX_YEAR ? instant : undefined;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `2026-11-20T14:05:00Z` or with 1-9 fractional digits: a real UTC instant in years 0001-9999. */
export function isUtcInstant(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && instantOf(UTC_INSTANT.exec(value)) !== undefined;
}

/**
 * An RFC 3339 date-time with any offset (OCPTV timestamps carry one), as milliseconds since the
 * epoch, or undefined when it is not a real instant in UTC years 0001-9999.
 */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const match = RFC3339.exec(value);
  return match ? instantOf(match, match[9], match[10], match[11]) : undefined;
}
