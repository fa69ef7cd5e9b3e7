/** A row of a raw query, as the driver returns it: column name → value. */
export type Row = Record<string, unknown>;

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());

/**
 * A raw query's row as its record: each column under its field's name (snake_case read back into
 * camelCase, as the naming strategy wrote it) and each timestamp as the UTC ISO-8601 string views carry.
 * The query selects the record's columns, in its order, and no others; a field that needs more than
 * that is set after it.
 */
export function recordOf<T>(row: Row): T {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [camelCase(column), value instanceof Date ? value.toISOString() : value]),
  ) as T;
}

/**
 * A raw query's row as its entity: each column under its field's name, timestamps kept as the
 * driver's `Date`s (as TypeORM hydrates them), for code that works on the entity afterwards.
 */
export function entityOf<T>(row: Row): T {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [camelCase(column), value])) as T;
}

/**
 * A row read nested in another statement (a correlated subquery's row, as JSON), so that a page built
 * from several tables is one statement and so one snapshot. JSON would turn a `numeric` or `bigint` into
 * a float and a timestamp into a string; `exact` columns are therefore sent as text (as the driver gives
 * them) and `timestamps` read back as `Date`s, so the row is what the driver would have returned.
 */
export interface NestedRow {
  /** The columns, comma-separated, in the record's order. */
  readonly columns: string;
  readonly timestamps?: readonly string[];
  readonly exact?: readonly string[];
}

const columnsOf = (nested: NestedRow) => nested.columns.split(',').map((column) => column.trim());

/** SQL: `json_build_object(...)` of `nested`'s columns of the table under `alias`. */
export function nestedRowSql(alias: string, nested: NestedRow): string {
  const pairs = columnsOf(nested).map((column) => `'${column}', ${alias}.${column}${nested.exact?.includes(column) ? '::text' : ''}`);
  return `json_build_object(${pairs.join(', ')})`;
}

/** A nested row as the driver would have returned it: its timestamps as `Date`s (null stays null). */
export function rowOfNested(nested: NestedRow, json: Row): Row {
  const row: Row = { ...json };
  for (const column of nested.timestamps ?? []) {
    if (row[column] != null) row[column] = new Date(row[column] as string);
  }
  return row;
}
