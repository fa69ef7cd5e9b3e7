import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/**
 * The lines of a byte stream (`\n` or `\r\n`), chunk by chunk: an array per chunk instead of one
 * promise per line as `readline`'s iterator makes, which dominated the cost of long OCPTV streams.
 */
export async function* ndjsonLines(stream: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines = text.split('\n');
    rest = lines.pop()!;
    yield lines.map(withoutCarriageReturn);
  }
  const last = rest + decoder.end();
  if (last) yield [withoutCarriageReturn(last)];
}

const withoutCarriageReturn = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
