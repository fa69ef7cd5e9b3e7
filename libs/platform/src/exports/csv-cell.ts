/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): one starting with = + - @,
 * tab, CR or LF, the same signs after leading whitespace (spreadsheets trim it), or their
 * full-width forms ＝ ＋ － ＠, which some spreadsheets fold to ASCII.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** A plain number such as -3.5 is a value, not a formula: it stays as written. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The one formula-injection rule, for the CSV and the XLSX exports: a leading ' on anything a spreadsheet would run. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV cell: RFC 4180 quoting, and a leading ' on anything a spreadsheet would read as a formula. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
