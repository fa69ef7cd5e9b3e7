/** A run of whole lines of the input, with where it starts (bytes and lines from the start of the input). */
export interface LineChunk {
  /** Byte offset of the chunk's first byte in the input. */
  offset: number;
  /** Number of the chunk's first line (1-based) in the input. */
  firstLine: number;
  bytes: Buffer;
  /** Lines in the chunk (a last line without a newline counts). */
  lines: number;
  /** The last chunk of the input (possibly empty). */
  final: boolean;
}

export interface ChunkOptions {
  /** A chunk is sent once it holds at least this many bytes (cut at the last line end). */
  chunkBytes: number;
  /** Whole lines that waited this long are sent even if the chunk is small (a live harness stream). */
  flushMs?: number;
  /** Where the input starts in the whole file (resuming), and the number of the line there. */
  startOffset?: number;
  startLine?: number;
  now?: () => number;
}

function countLines(buffer: Buffer): number {
  let count = 0;
  let at = buffer.indexOf(0x0a);
  while (at !== -1) {
    count += 1;
    at = buffer.indexOf(0x0a, at + 1);
  }
  return count;
}

/**
 * Cuts a byte stream into chunks of whole lines, so every chunk can be checked on its own and a
 * resumed push starts at a line end. The input is never held whole: at most a chunk and a line.
 */
export async function* lineChunks(input: AsyncIterable<Buffer | string>, options: ChunkOptions): AsyncGenerator<LineChunk> {
  const now = options.now ?? Date.now;
  let offset = options.startOffset ?? 0;
  let line = options.startLine ?? 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let since = now();
  const cut = (upTo: number, final: boolean): LineChunk => {
    const all = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    const bytes = all.subarray(0, upTo);
    const rest = all.subarray(upTo);
    pending = rest.length ? [rest] : [];
    pendingBytes = rest.length;
    const lines = countLines(bytes) + (final && bytes.length && bytes[bytes.length - 1] !== 0x0a ? 1 : 0);
    const chunk: LineChunk = { offset, firstLine: line, bytes, lines, final };
    offset += bytes.length;
    line += lines;
    since = now();
    return chunk;
  };
  for await (const part of input) {
    const buffer = typeof part === 'string' ? Buffer.from(part) : part;
    pending.push(buffer);
    pendingBytes += buffer.length;
    const due = pendingBytes >= options.chunkBytes || (options.flushMs !== undefined && now() - since >= options.flushMs);
    if (!due) continue;
    const all = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [all];
    const end = all.lastIndexOf(0x0a);
    if (end >= 0) yield cut(end + 1, false);
  }
  yield cut(pendingBytes, true);
}
