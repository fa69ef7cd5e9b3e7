import { ErrorDetail } from '@rackeval/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { IntakeError, IntakeErrorCode } from '../../intake.errors';
import { Locator } from '../deliveries.service';
import { BomCategory, DeliveryDto, DeliveryRackDto, MAX_BOM_LINES, MAX_RACKS_PER_DELIVERY } from '../dto/delivery.dto';
import { MANIFEST_COLUMNS, ManifestColumn, ManifestRow } from './manifest-row';

export interface ParsedManifest {
  delivery: DeliveryDto;
  /** Maps a place in the delivery back to the manifest's line and column, for domain refusals. */
  locate: Locator;
}

export interface ManifestLimits {
  /** Bytes of the whole manifest (MANIFEST_MAX_BYTES). */
  maxBytes: number;
  /** Rows after the header (MANIFEST_MAX_ROWS). */
  maxRows: number;
}

/** Past a limit: the service answers 413 naming the setting. */
export class ManifestTooLargeError extends Error {
  constructor(
    readonly setting: 'MANIFEST_MAX_BYTES' | 'MANIFEST_MAX_ROWS',
    readonly limit: number,
  ) {
    super(`the manifest is larger than ${setting === 'MANIFEST_MAX_BYTES' ? `${limit} bytes` : `${limit} rows`} (${setting})`);
  }
}

/** The defaults of MANIFEST_MAX_BYTES and MANIFEST_MAX_ROWS. */
export const DEFAULT_MANIFEST_LIMITS: ManifestLimits = { maxBytes: 16 * 1024 ** 2, maxRows: 100_000 };
const MAX_REPORTED = 1000;
/** One row is 13 short cells (under 700 characters); a longer record is not a manifest row. */
export const MAX_RECORD_CHARS = 64 * 1024;
/** Rows checked between two turns of the event loop, so other requests are served during a long import. */
const ROWS_PER_TURN = 500;
const DELIVERY_COLUMNS = ['deliveryReference', 'site', 'receivedAt'] as const;
const RACK_COLUMNS = ['generation', 'lot'] as const;

const at = (line: number, column?: string) => (column ? `line ${line}, column ${column}` : `line ${line}`);

/**
 * Reads a delivery manifest: a header row naming the columns, then one row per BOM line. Rows of
 * one rack share its serial (they need not be adjacent); every row repeats the delivery's columns.
 * Every bad cell is reported by line and column, in one refusal; nothing is partially accepted.
 * The manifest is parsed as it streams in (csv-parse's stream API), within `limits`, and checked
 * a few hundred rows at a time between turns of the event loop: a large manifest never holds the
 * service still for seconds.
 */
export async function parseManifest(source: Readable | string, limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS): Promise<ParsedManifest> {
  const input = typeof source === 'string' ? Readable.from([Buffer.from(source)]) : source;
  const details: ErrorDetail[] = [];
  const valid: Array<{ line: number; row: ManifestRow }> = [];
  let columns: ManifestColumn[] | undefined;
  let headerLine = 1;
  let rows = 0;
  for await (const { cells, line } of readCsv(input, limits.maxBytes)) {
    if (!columns) {
      columns = checkHeader(cells, line);
      headerLine = line;
      continue;
    }
    rows += 1;
    if (rows > limits.maxRows) throw new ManifestTooLargeError('MANIFEST_MAX_ROWS', limits.maxRows);
    if (rows % ROWS_PER_TURN === 0) await yieldToEventLoop();
    if (cells.length !== columns.length) {
      details.push({ field: at(line), message: `expected ${columns.length} fields, found ${cells.length}` });
      continue;
    }
    const row = plainToInstance(ManifestRow, Object.fromEntries(columns.map((column, i) => [column, cells[i]])));
    const errors = validateSync(row);
    for (const error of errors)
      details.push({ field: at(line, error.property), message: Object.values(error.constraints ?? {}).join('; ') });
    if (!errors.length) valid.push({ line, row });
  }
  if (!columns) fail([{ field: at(1), message: 'the manifest is empty; expected a header row' }]);
  if (!rows) fail([{ field: at(headerLine + 1), message: 'the manifest has a header but no rows' }]);
  const built = build(valid, details);
  if (details.length) fail(details);
  return built;
}

interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Records as they are parsed. The request is read through a counter that stops at `maxBytes`;
 * it is never destroyed, so the refusal still reaches the client.
 */
async function* readCsv(input: Readable, maxBytes: number): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const feeding = feed(input, parser, maxBytes);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { cells: record, line: info.lines };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      const message =
        error.code === 'CSV_MAX_RECORD_SIZE' ? `a row is longer than ${MAX_RECORD_CHARS} characters` : `not valid CSV: ${error.message}`;
      fail([{ field: at(line), message }]);
    }
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
}

async function feed(input: Readable, parser: ReturnType<typeof parse>, maxBytes: number): Promise<void> {
  let total = 0;
  try {
    for await (const chunk of input.iterator({ destroyOnReturn: false })) {
      if (parser.destroyed) break;
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw new ManifestTooLargeError('MANIFEST_MAX_BYTES', maxBytes);
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve).once('close', resolve));
    }
    if (!parser.destroyed) parser.end();
  } catch (error) {
    parser.destroy(error as Error);
  } finally {
    // What is left of the request is read and dropped, so the connection stays usable for the answer.
    input.resume();
  }
}

function checkHeader(cells: string[], line: number): ManifestColumn[] {
  const known = new Set<string>(MANIFEST_COLUMNS);
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (!known.has(cell))
      details.push({ field: at(line, cell || '(empty)'), message: `unknown column; expected ${MANIFEST_COLUMNS.join(',')}` });
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
        details.push({
          field: at(line, column),
          message: `"${row[column]}" differs from line ${first.line} ("${first.row[column]}"); one manifest is one delivery`,
        });
      }
    }
    let rack = racks.get(row.rackSerial);
    if (!rack) {
      rack = {
        dto: Object.assign(new DeliveryRackDto(), { serial: row.rackSerial, generation: row.generation, lot: row.lot, bom: [] }),
        firstLine: line,
        lines: [],
      };
      racks.set(row.rackSerial, rack);
    }
    for (const column of RACK_COLUMNS) {
      if (row[column] !== rack.dto[column]) {
        details.push({
          field: at(line, column),
          message: `"${row[column]}" differs from line ${rack.firstLine} ("${rack.dto[column]}") for rack ${row.rackSerial}`,
        });
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
  if (ordered.length > MAX_RACKS_PER_DELIVERY) {
    details.push({
      field: at(ordered[MAX_RACKS_PER_DELIVERY].firstLine, 'rackSerial'),
      message: `a delivery holds at most ${MAX_RACKS_PER_DELIVERY} racks`,
    });
  }
  for (const rack of ordered) {
    if (rack.lines.length > MAX_BOM_LINES) {
      details.push({
        field: at(rack.lines[MAX_BOM_LINES], 'rackSerial'),
        message: `rack ${rack.dto.serial} has more than ${MAX_BOM_LINES} BOM lines`,
      });
    }
  }
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
  const summary = reported
    .slice(0, 3)
    .map((d) => `${d.field}: ${d.message}`)
    .join('; ');
  throw new IntakeError(IntakeErrorCode.INVALID_MANIFEST, `${message}: ${summary}${reported.length > 3 ? ' …' : ''}`, reported);
}
