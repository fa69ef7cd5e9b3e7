export { csvCell, neutraliseFormula } from './csv-cell';
export { csvFile } from './csv-stream';
export { booleanCell, dateCell, decimalCell, exactNumber, integerCell, textCell, type XlsxCell } from './xlsx-cells';
export { writeCell, writeTable, XLSX_MEDIA_TYPE, type XlsxColumn, xlsxFile, type XlsxSheet, xlsxWorkbook } from './xlsx-table';
