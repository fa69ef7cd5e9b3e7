/** One measurement as the results API takes it, with the input line it came from. */
export interface MeasurementItem {
  metric: string;
  value: number;
  unit: string;
  component?: string;
  observedAt?: string;
}

export class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const FIELDS = ['metric', 'value', 'unit', 'component', 'observedAt'] as const;

/** An NDJSON line: `{"metric":…,"value":…,"unit":…,"component"?:…,"observedAt"?:…}`. The server checks the values. */
export function parseNdjsonLine(text: string, line: number): MeasurementItem {
  let item: unknown;
  try {
    item = JSON.parse(text);
  } catch {
    throw new LineError(line, 'not valid JSON');
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw new LineError(line, 'must be a JSON object {metric, value, unit, component?, observedAt?}');
  return item as MeasurementItem;
}

/** The columns of a CSV file, from its header line (metric, value, unit required; component, observedAt optional). */
export function csvColumns(header: string): Array<(typeof FIELDS)[number] | undefined> {
  const names = splitCsv(header, 1).map((name) => name.trim());
  const known = names.map((name) => FIELDS.find((field) => field.toLowerCase() === name.toLowerCase()));
  const missing = ['metric', 'value', 'unit'].filter((field) => !known.includes(field as (typeof FIELDS)[number]));
  if (missing.length)
    throw new LineError(
      1,
      `the CSV header must name the columns metric, value and unit (missing ${missing.join(', ')}; found ${names.join(', ')})`,
    );
  return known;
}

export function parseCsvLine(text: string, line: number, columns: ReturnType<typeof csvColumns>): MeasurementItem {
  const cells = splitCsv(text, line);
  const item: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (!column || cell === undefined || cell === '') return;
    if (column === 'value') {
      const value = Number(cell);
      if (cell.trim() === '' || !Number.isFinite(value)) throw new LineError(line, `value must be a number (got ${JSON.stringify(cell)})`);
      item.value = value;
    } else item[column] = cell;
  });
  return item as unknown as MeasurementItem;
}

/** RFC 4180 fields of one line: commas, and double quotes around a field that holds commas or quotes. */
export function splitCsv(text: string, line: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new LineError(line, 'a quoted field is not closed (a field may not span lines)');
  cells.push(cell.replace(/\r$/, ''));
  return cells;
}
