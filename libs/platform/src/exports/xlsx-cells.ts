import { Decimal } from '../decimal/decimal';
import { neutraliseFormula } from './csv-cell';

/** Excel keeps 15 significant digits; a decimal with more would be silently rounded in the cell. */
const EXCEL_DIGITS = 15;
const CURRENCY_CODE = /^[A-Z]{3}$/;

/** What one cell holds: its value and, for numbers, the format that shows it. */
export interface XlsxCell {
  value: string | number | boolean | Date | null;
  numFmt?: string;
}

/**
 * Money and other exact decimals. The rule: a number cell only when the decimal string survives
 * the round trip through an IEEE double and Excel's 15 significant digits exactly (the double's
 * shortest form reads back as the same decimal); then the format shows the string's own scale and
 * the currency, so the cell displays what the API says. Anything else (e.g. 17 significant
 * digits) is written as the exact string in a text cell, so no figure is ever changed on the way.
 */
export function decimalCell(value: string | null | undefined, currency?: string | null): XlsxCell {
  if (value === null || value === undefined) return { value: null };
  const exact = exactNumber(value);
  if (exact === null) return { value: currency ? `${value} ${currency}` : value };
  const scale = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
  const digits = scale ? `#,##0.${'0'.repeat(scale)}` : '#,##0';
  const code = currency?.trim();
  return { value: exact, numFmt: code && CURRENCY_CODE.test(code) ? `${digits} "${code}"` : digits };
}

/** The number a decimal string stands for, or null when a double (or Excel) could not hold it exactly. */
export function exactNumber(value: string): number | null {
  const decimal = Decimal.parse(value);
  const significant = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (significant.length > EXCEL_DIGITS) return null;
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  return Decimal.parse(plain(number)).compare(decimal) === 0 ? number : null;
}

/** A double without exponent notation (Decimal.parse refuses 1e-7), for the round-trip check. */
function plain(number: number): string {
  const text = String(number);
  if (!/e/i.test(text)) return text;
  return number
    .toFixed(20)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** A UTC instant as a real date cell (exceljs writes Dates as UTC serials). */
export function dateCell(iso: string | null | undefined): XlsxCell {
  return iso ? { value: new Date(iso), numFmt: 'yyyy-mm-dd hh:mm:ss' } : { value: null };
}

export function integerCell(value: number | null | undefined): XlsxCell {
  return value === null || value === undefined ? { value: null } : { value, numFmt: '0' };
}

export function booleanCell(value: boolean | null | undefined): XlsxCell {
  return { value: value ?? null };
}

/** Free text goes through the same formula rule as the CSV. */
export function textCell(value: string | null | undefined): XlsxCell {
  return { value: value === null || value === undefined || value === '' ? null : neutraliseFormula(value) };
}
