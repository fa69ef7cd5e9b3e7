import type { Readable } from 'node:stream';

export interface LineLimits {
  /** Bytes of the whole stream; past it the reader stops with `StreamTooLargeError`. */
  maxBytes: number;
  /** Bytes of one line; a longer line is yielded as `OVERLONG` and not buffered past the limit. */
  maxLineBytes: number;
}

/** Stands for a line longer than `maxLineBytes`: its bytes were counted, not kept. */
export const OVERLONG = null;
export type Line = string | typeof OVERLONG;

export class StreamTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the stream is larger than ${maxBytes} bytes`);
  }
}

const NEWLINE = 0x0a;

/**
 * The lines of a byte stream (`\n` or `\r\n`), chunk by chunk: an array per chunk instead of one
 * promise per line as `readline`'s iterator makes, which dominated the cost of long OCPTV streams.
 * Bytes are split on `\n` before they are decoded (UTF-8 never has 0x0a inside a character), and
 * the start of an unfinished line is kept as a list of chunks, so a line spread over many chunks
 * is scanned once — not re-split with every chunk, which made a 32 MB line without a newline cost
 * seconds of CPU — and never held beyond `maxLineBytes`.
 */
export async function* ndjsonLines(stream: Readable, limits: LineLimits): AsyncGenerator<Line[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** The current line is already too long: its remaining bytes are dropped until the next newline. */
  let overlong = false;
  let total = 0;
  const finishLine = (tail: Buffer, lines: Line[]) => {
    if (overlong || pendingBytes + tail.length > limits.maxLineBytes) lines.push(OVERLONG);
    else lines.push(decode(pending.length ? Buffer.concat([...pending, tail]) : tail));
    pending = [];
    pendingBytes = 0;
    overlong = false;
  };
  // Not destroyed when the reader stops early: destroying a request whose body is unread resets
  // the connection, and the client would never see the 413 or 400 that explains why.
  for await (const data of stream.iterator({ destroyOnReturn: false })) {
    const chunk: Buffer = typeof data === 'string' ? Buffer.from(data) : data;
    total += chunk.length;
    if (total > limits.maxBytes) throw new StreamTooLargeError(limits.maxBytes);
    const lines: Line[] = [];
    const first = chunk.indexOf(NEWLINE);
    let start = 0;
    if (first !== -1) {
      finishLine(chunk.subarray(0, first), lines);
      const last = chunk.lastIndexOf(NEWLINE);
      // The whole lines between the first and the last newline are decoded at once and split.
      if (last > first)
        for (const line of chunk.toString('utf8', first + 1, last).split('\n')) lines.push(bounded(line, limits.maxLineBytes));
      start = last + 1;
    }
    if (start < chunk.length && !overlong) {
      const rest = chunk.subarray(start);
      if (pendingBytes + rest.length > limits.maxLineBytes) {
        overlong = true;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(rest);
        pendingBytes += rest.length;
      }
    }
    if (lines.length) yield lines;
  }
  if (overlong || pendingBytes) {
    const lines: Line[] = [];
    finishLine(Buffer.alloc(0), lines);
    yield lines;
  }
}

/** A line already decoded: chars ≤ bytes ≤ 3 × chars, so the byte count is needed only near the limit. */
function bounded(line: string, maxLineBytes: number): Line {
  if (line.length * 3 > maxLineBytes && Buffer.byteLength(line) > maxLineBytes) return OVERLONG;
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function decode(line: Buffer): string {
  const end = line.length && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
  return line.toString('utf8', 0, end);
}
