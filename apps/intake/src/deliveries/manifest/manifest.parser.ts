import { ErrorDetail } from '@rackeval/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CsvError, parse } from 'csv-parse/sync';
import { IntakeError, IntakeErrorCode } from '../../intake.errors';
import { Locator } from '../deliveries.service';
import { BomCategory, DeliveryDto, DeliveryRackDto } from '../dto/delivery.dto';
import { MANIFEST_COLUMNS, ManifestColumn, ManifestRow } from './manifest-row';

export interface ParsedManifest {
  delivery: DeliveryDto;
  /** Maps a place in the delivery back to the manifest's line and column, for domain refusals. */
  locate: Locator;
}

const MAX_REPORTED = 1000;
const DELIVERY_COLUMNS = ['deliveryReference', 'site', 'receivedAt'] as const;
const RACK_COLUMNS = ['generation', 'lot'] as const;

const at = (line: number, column?: string) => (column ? `line ${line}, column ${column}` : `line ${line}`);

/**
 * Reads a delivery manifest: a header row naming the columns, then one row per BOM line. Rows of
 * one rack share its serial (they need not be adjacent); every row repeats the delivery's columns.
 * Every bad cell is reported by line and column, in one refusal; nothing is partially accepted.
 */
export function parseManifest(text: string): ParsedManifest {
  const records = readCsv(text);
  if (!records.length) fail([{ field: at(1), message: 'the manifest is empty; expected a header row' }]);
  const [header, ...rows] = records;
  const columns = checkHeader(header.cells, header.line);
  if (!rows.length) fail([{ field: at(header.line + 1), message: 'the manifest has a header but no rows' }]);

  const details: ErrorDetail[] = [];
  const valid: Array<{ line: number; row: ManifestRow }> = [];
  for (const { cells, line } of rows) {
    if (cells.length !== columns.length) {
      details.push({ field: at(line), message: `expected ${columns.length} fields, found ${cells.length}` });
      continue;
    }
    const row = plainToInstance(ManifestRow, Object.fromEntries(columns.map((column, i) => [column, cells[i]])));
    const errors = validateSync(row);
    for (const error of errors) details.push({ field: at(line, error.property), message: Object.values(error.constraints ?? {}).join('; ') });
    if (!errors.length) valid.push({ line, row });
  }
  const built = build(valid, details);
  if (details.length) fail(details);
  return built;
}

interface CsvRecord {
  cells: string[];
  line: number;
}

function readCsv(text: string): CsvRecord[] {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      fail([{ field: at(line), message: `not valid CSV: ${error.message}` }]);
    }
    throw error;
  }
}

function checkHeader(cells: string[], line: number): ManifestColumn[] {
  const known = new Set<string>(MANIFEST_COLUMNS);
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (!known.has(cell)) details.push({ field: at(line, cell || '(empty)'), message: `unknown column; expected ${MANIFEST_COLUMNS.join(',')}` });
    else if (seen.has(cell)) details.push({ field: at(line, cell), message: 'column appears twice' });
    seen.add(cell);
  }
  for (const column of MANIFEST_COLUMNS) {
    if (!seen.has(column)) details.push({ field: at(line, column), message: 'required column is missing from the header' });
  }
  if (details.length) fail(details, 'the manifest header is wrong');
  return cells as ManifestColumn[];
}

/** Groups rows into racks, checking that what must repeat does repeat. */
function build(rows: Array<{ line: number; row: ManifestRow }>, details: ErrorDetail[]): ParsedManifest {
  const racks = new Map<string, { dto: DeliveryRackDto; firstLine: number; lines: number[] }>();
  const first = rows[0];
  for (const { line, row } of rows) {
    for (const column of DELIVERY_COLUMNS) {
      if (row[column] !== first.row[column]) {
        details.push({ field: at(line, column), message: `"${row[column]}" differs from line ${first.line} ("${first.row[column]}"); one manifest is one delivery` });
      }
    }
    let rack = racks.get(row.rackSerial);
    if (!rack) {
      rack = { dto: Object.assign(new DeliveryRackDto(), { serial: row.rackSerial, generation: row.generation, lot: row.lot, bom: [] }), firstLine: line, lines: [] };
      racks.set(row.rackSerial, rack);
    }
    for (const column of RACK_COLUMNS) {
      if (row[column] !== rack.dto[column]) {
        details.push({ field: at(line, column), message: `"${row[column]}" differs from line ${rack.firstLine} ("${rack.dto[column]}") for rack ${row.rackSerial}` });
      }
    }
    rack.lines.push(line);
    rack.dto.bom.push({
      partNumber: row.partNumber,
      category: row.category as BomCategory,
      quantity: Number(row.quantity),
      unitCost: row.unitCost,
      currency: row.currency,
      supplier: row.supplier,
      countryOfOrigin: row.countryOfOrigin,
    });
  }
  const ordered = [...racks.values()];
  const delivery = Object.assign(new DeliveryDto(), {
    reference: first?.row.deliveryReference,
    site: first?.row.site,
    receivedAt: first?.row.receivedAt,
    racks: ordered.map((rack) => rack.dto),
  });
  const locate: Locator = (rack, line, field) => {
    const entry = ordered[rack];
    const column = field === 'serial' ? 'rackSerial' : field;
    return at(line === undefined ? entry.firstLine : entry.lines[line], column);
  };
  return { delivery, locate };
}

function fail(details: ErrorDetail[], message = 'the manifest has errors'): never {
  const reported = details.slice(0, MAX_REPORTED);
  const more = details.length - reported.length;
  if (more > 0) reported.push({ field: 'manifest', message: `${more} more error(s) not listed` });
  const summary = reported.slice(0, 3).map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new IntakeError(IntakeErrorCode.INVALID_MANIFEST, `${message}: ${summary}${reported.length > 3 ? ' …' : ''}`, reported);
}
