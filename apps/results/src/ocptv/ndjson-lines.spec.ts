import { Readable } from 'node:stream';
import { Line, ndjsonLines, OVERLONG, StreamTooLargeError } from './ndjson-lines';

const limits = { maxBytes: 1024 ** 3, maxLineBytes: 1024 ** 2 };

async function collect(chunks: Array<string | Buffer>, bounds = limits): Promise<Line[]> {
  const all: Line[] = [];
  for await (const lines of ndjsonLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), bounds))
    all.push(...lines);
  return all;
}

describe('ndjsonLines', () => {
  it('splits lines across chunk boundaries, with \\n or \\r\\n, and keeps a last line without newline', async () => {
    expect(await collect(['{"a":1}\r\n{"b"', ':2}\n', '\n{"c":3}'])).toEqual(['{"a":1}', '{"b":2}', '', '{"c":3}']);
  });

  it('never splits a multi-byte character that straddles chunks', async () => {
    const bytes = Buffer.from('{"name":"µ-ü-€"}\n');
    expect(await collect([bytes.subarray(0, 10), bytes.subarray(10, 12), bytes.subarray(12)])).toEqual(['{"name":"µ-ü-€"}']);
  });

  it('yields an over-long line as OVERLONG without keeping it, and reads on', async () => {
    const bounds = { maxBytes: 1024 ** 2, maxLineBytes: 16 };
    expect(await collect(['short\n', 'x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10), '\nok\n', 'y'.repeat(40), '\nlast'], bounds)).toEqual([
      'short',
      OVERLONG,
      'ok',
      OVERLONG,
      'last',
    ]);
    expect(await collect([`${'z'.repeat(17)}\n${'w'.repeat(16)}\n`], bounds)).toEqual([OVERLONG, 'w'.repeat(16)]);
    expect(await collect(['z'.repeat(40)], bounds)).toEqual([OVERLONG]);
  });

  it('stops with StreamTooLargeError past maxBytes', async () => {
    await expect(collect(['a\n'.repeat(10), 'b\n'.repeat(10)], { maxBytes: 30, maxLineBytes: 10 })).rejects.toBeInstanceOf(
      StreamTooLargeError,
    );
  });

  it('reads a 32 MB line without a newline in linear time (figure printed, not asserted)', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const started = process.hrtime.bigint();
    const lines = await collect(new Array(512).fill(chunk), { maxBytes: 1024 ** 3, maxLineBytes: 64 * 1024 ** 2 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`32 MiB line in 64 KiB chunks: ${ms.toFixed(0)} ms`);
    expect(lines).toHaveLength(1);
    expect((lines[0] as string).length).toBe(32 * 1024 ** 2);
  });
});
