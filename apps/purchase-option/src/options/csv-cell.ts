/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): one starting with = + - @,
 * tab, CR or LF, the same signs after leading whitespace (spreadsheets trim it), or their
 * full-width forms ＝ ＋ － ＠, which some spreadsheets fold to ASCII.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** A plain number such as -3.5 is a value, not a formula: it stays as written. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One CSV cell: RFC 4180 quoting, and a leading ' on anything a spreadsheet would read as a formula. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
