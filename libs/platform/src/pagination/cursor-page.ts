import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError, ErrorKind } from '../http/domain-error';
import { isUtcInstant } from '../validation/utc-instant';

/** `?cursor=&limit=` on every list. Extend it with the list's own filters. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export class InvalidCursorError extends DomainError {
  constructor(why = 'not a valid cursor') {
    super(ErrorKind.BadInput, 'INVALID_CURSOR', 'cursor is not one this list issued', [{ field: 'cursor', message: why }]);
  }
}

/**
 * What each position of a keyset cursor must be, checked before it reaches SQL: a crafted cursor
 * is a 400 INVALID_CURSOR, never a PostgreSQL error. `?` allows null (e.g. options without expiry).
 * - `text`: a string of at most 512 characters without NUL;
 * - `bigint`: a positive int8 id (bigserial), as a decimal string or a safe integer; decoded as a string;
 * - `timestamp`: a real UTC instant (`isUtcInstant`);
 * - `uuid`: a UUID (compared as a uuid in SQL).
 */
export type CursorKey = 'text' | 'bigint' | 'timestamp' | 'uuid' | 'text?' | 'bigint?' | 'timestamp?' | 'uuid?';
type Decoded<K extends CursorKey> = K extends `${string}?` ? string | null : string;
export type CursorPosition<S extends readonly CursorKey[]> = { [I in keyof S]: Decoded<S[I]> };

const INT8_MAX = 9_223_372_036_854_775_807n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeKey(key: CursorKey, value: unknown): string | null | undefined {
  if (value === null) return key.endsWith('?') ? null : undefined;
  switch (key.replace('?', '')) {
    case 'text':
      return typeof value === 'string' && value.length <= 512 && !value.includes('\u0000') ? value : undefined;
    case 'bigint': {
      const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
      return typeof text === 'string' && /^\d{1,19}$/.test(text) && BigInt(text) <= INT8_MAX ? text : undefined;
    }
    case 'timestamp':
      return isUtcInstant(value) ? value : undefined;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : undefined;
    default:
      return undefined;
  }
}

/** Any keyset position: a short array of strings (no NUL), finite numbers, booleans or nulls. */
function isPlainPosition(position: unknown[]): boolean {
  return (
    position.length >= 1 &&
    position.length <= 8 &&
    position.every(
      (value) =>
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.length <= 512 && !value.includes('\u0000')),
    )
  );
}

/**
 * The position a cursor holds. Lists pass their `shape`: each element is checked against its key
 * and the result is typed, so no list checks a cursor by hand. (Without a shape only plain scalars
 * are let through.) A cursor that does not fit is the one refusal: 400 INVALID_CURSOR naming `cursor`.
 */
function decode(cursor: string | undefined): unknown[] | undefined;
function decode<S extends readonly CursorKey[]>(cursor: string | undefined, shape: S): CursorPosition<S> | undefined;
function decode(cursor: string | undefined, shape?: readonly CursorKey[]): unknown[] | undefined;
function decode(cursor: string | undefined, shape?: readonly CursorKey[]): unknown[] | undefined {
  if (!cursor) return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(position) || !isPlainPosition(position)) throw new InvalidCursorError();
  if (!shape) return position;
  if (position.length !== shape.length) throw new InvalidCursorError();
  return shape.map((key, i) => {
    const value = decodeKey(key, position[i]);
    if (value === undefined) throw new InvalidCursorError();
    return value;
  });
}

/** Keyset cursors: the sort key of the last item, opaque to clients (base64url JSON). */
export const Cursor = {
  encode(position: unknown[]): string {
    return Buffer.from(JSON.stringify(position)).toString('base64url');
  },

  decode,

  /** Builds a page from `limit + 1` fetched rows: the extra row only says that more exist. */
  page<Row, T>(rows: Row[], limit: number, position: (row: Row) => unknown[], view: (row: Row) => T): Page<T> {
    const items = rows.slice(0, limit);
    const more = rows.length > limit;
    return { items: items.map(view), nextCursor: more ? Cursor.encode(position(items[items.length - 1])) : null };
  },
};
