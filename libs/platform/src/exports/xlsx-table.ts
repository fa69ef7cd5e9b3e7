import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { contentDisposition } from '../attachments/attachment-download';
import type { XlsxCell } from './xlsx-cells';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of a sheet: its header, its width in characters, and how a row fills its cell. */
export interface XlsxColumn<T> {
  header: string;
  width: number;
  cell: (row: T) => XlsxCell;
}

/** A sheet as a table: a bold, frozen header with filters on every column, then one row per item with typed cells. */
export function writeTable<T>(sheet: ExcelJS.Worksheet, columns: Array<XlsxColumn<T>>, rows: Iterable<T>): void {
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map(() => null));
    columns.forEach((column, index) => writeCell(added.getCell(index + 1), column.cell(row)));
  }
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

export function writeCell(target: ExcelJS.Cell, cell: XlsxCell): void {
  target.value = cell.value;
  if (cell.numFmt) target.numFmt = cell.numFmt;
}

/** A sheet of a workbook written by `xlsxWorkbook`. Sheet names: at most 31 characters, none of : \\ / ? * [ ]. */
export interface XlsxSheet<T> {
  name: string;
  columns: Array<XlsxColumn<T>>;
  rows: Iterable<T>;
}

/** A workbook of tables, one per sheet, as the bytes of an .xlsx file. */
export async function xlsxWorkbook<T>(sheets: Array<XlsxSheet<T>>, about: { creator: string; created: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = about.creator;
  workbook.created = about.created;
  for (const sheet of sheets) writeTable(workbook.addWorksheet(sheet.name), sheet.columns, sheet.rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A finished workbook as a download of that name. */
export function xlsxFile(workbook: Buffer, filename: string): StreamableFile {
  return new StreamableFile(workbook, { type: XLSX_MEDIA_TYPE, disposition: contentDisposition(filename), length: workbook.length });
}
