import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError, ErrorKind } from '../http/domain-error';

/** `?cursor=&limit=` on every list. Extend it with the list's own filters. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
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

class InvalidCursorError extends DomainError {
  constructor() {
    super(ErrorKind.BadInput, 'INVALID_CURSOR', 'cursor is not one this list issued', [{ field: 'cursor', message: 'not a valid cursor' }]);
  }
}

/** Keyset cursors: the sort key of the last item, opaque to clients (base64url JSON). */
export const Cursor = {
  encode(position: unknown[]): string {
    return Buffer.from(JSON.stringify(position)).toString('base64url');
  },

  decode(cursor: string | undefined): unknown[] | undefined {
    if (!cursor) return undefined;
    try {
      const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(position)) return position;
    } catch {
      // fall through
    }
    throw new InvalidCursorError();
  },

  /** Builds a page from `limit + 1` fetched rows: the extra row only says that more exist. */
  page<Row, T>(rows: Row[], limit: number, position: (row: Row) => unknown[], view: (row: Row) => T): Page<T> {
    const items = rows.slice(0, limit);
    const more = rows.length > limit;
    return { items: items.map(view), nextCursor: more ? Cursor.encode(position(items[items.length - 1])) : null };
  },
};
