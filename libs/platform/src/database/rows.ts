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
