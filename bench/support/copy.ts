import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';

/** A value in PostgreSQL COPY text format (tab-separated, \N for null). */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export const copyLine = (values: readonly unknown[]) => `${values.map(copyValue).join('\t')}\n`;

/** One COPY statement: the whole buffer in one write (each write is one protocol message). */
export async function copyBuffer(client: Client, table: string, columns: readonly string[], data: string | Buffer): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  stream.end(data);
  await finished(stream);
}

/** COPY of many rows, generated lazily and sent in chunks of about 4 MiB. */
export async function copyRows(client: Client, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
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
