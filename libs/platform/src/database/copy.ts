// The ambient types of pg-copy-streams (it ships none) must reach every program compiling this file through the path mappings.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pg-copy-streams.d.ts" />
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * PostgreSQL `COPY … FROM STDIN`: the fastest way to write many rows, used for measurement batches
 * and OCPTV streams (results, in binary format) and for seeding benchmark fleets (text format).
 */

/** A COPY's data format: tab-separated text, or PostgreSQL's binary tuples (each value in its type's send form). */
export type CopyFormat = 'text' | 'binary';

/** Binary COPY's header: `PGCOPY\n\377\r\n\0`, int32 flags 0 (no OIDs), int32 header-extension length 0. */
export const COPY_SIGNATURE: Buffer = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** Binary COPY's trailer: the int16 -1 that ends the data. */
export const COPY_TRAILER: Buffer = Buffer.from([0xff, 0xff]);

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}

export const copyLine = (values: readonly unknown[]): string => `${values.map(copyValue).join('\t')}\n`;

const statement = (table: string, columns: readonly string[], format: CopyFormat = 'text') =>
  `COPY ${table} (${columns.join(', ')}) FROM STDIN${format === 'binary' ? ' (FORMAT binary)' : ''}`;

/** One COPY statement on `client`: the whole text in one write. */
export async function copyText(client: ClientBase, table: string, columns: readonly string[], text: string | Buffer): Promise<void> {
  const stream = client.query(copyFrom(statement(table, columns)));
  stream.end(text);
  await finished(stream);
}

async function transactionClient(manager: EntityManager): Promise<ClientBase> {
  if (!manager.queryRunner) throw new Error('COPY inside a transaction needs a manager bound to a query runner');
  return (await manager.queryRunner.connect()) as ClientBase;
}

/**
 * One COPY kept open inside a transaction while its rows are still being produced, so that
 * PostgreSQL stores one chunk while the service prepares the next. In binary format the signature
 * is sent on opening and the trailer by `end()`; the chunks are whole tuples. Until `end()`
 * succeeds nothing is stored; `abort()` (or rolling back) leaves no row behind. The connection
 * serves nothing else meanwhile.
 */
export class CopyStream {
  /** Bytes of COPY data a stream may have queued before the producer waits (bounds its memory). */
  static readonly MAX_BACKLOG = 8 << 20;
  private failure?: Error;

  /** `stream`: a `COPY … FROM STDIN` in `format` just submitted (pg-copy-streams' `from`); `open` submits one. */
  constructor(
    private readonly stream: Writable,
    private readonly format: CopyFormat = 'text',
  ) {
    // Kept, and thrown by the next write or end(): an unheard stream error would end the process.
    stream.on('error', (error: Error) => (this.failure ??= error));
    if (format === 'binary') stream.write(COPY_SIGNATURE);
  }

  static async open(
    manager: EntityManager,
    table: string,
    columns: readonly string[],
    { format = 'text' }: { format?: CopyFormat } = {},
  ): Promise<CopyStream> {
    const client = await transactionClient(manager);
    return new CopyStream(client.query(copyFrom(statement(table, columns, format))), format);
  }

  /**
   * Sends a chunk of COPY data (text, or binary tuples). Waits for it to drain only once more than
   * `MAX_BACKLOG` is queued (waiting for every chunk would idle the service while PostgreSQL stores
   * it); otherwise yields one turn of the event loop, so the connection takes the chunk even when
   * the caller produces rows from memory without ever waiting on I/O.
   */
  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!chunk.length) return;
    if (!this.stream.write(chunk) && this.stream.writableLength > CopyStream.MAX_BACKLOG) await once(this.stream, 'drain');
    else await nextTurn();
  }

  /** Sends the last chunk (and in binary format the trailer) and waits until PostgreSQL has taken every row. */
  async end(chunk?: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (chunk?.length) this.stream.write(chunk);
    if (this.format === 'binary') this.stream.end(COPY_TRAILER);
    else this.stream.end();
    await finished(this.stream);
  }

  /** Cancels the COPY (PostgreSQL discards its rows); the transaction must then roll back. */
  async abort(reason: string): Promise<void> {
    if (this.stream.destroyed) return;
    this.stream.destroy(new Error(reason));
    await finished(this.stream).catch(() => undefined);
  }
}

/** COPY of many rows, generated lazily and sent in chunks of about 4 MiB; returns how many. */
export async function copyRows(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const stream = client.query(copyFrom(statement(table, columns)));
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    chunk += copyLine(row);
    count += 1;
    if (chunk.length >= 4 << 20) {
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      chunk = '';
    }
  }
  stream.end(chunk);
  await finished(stream);
  return count;
}
