import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { CliError, EXIT } from '../exit-codes';

export type Format = 'ocptv' | 'ndjson' | 'csv';

export interface PushInput {
  /** `-` for stdin. */
  path: string;
  /** Size in bytes (a file), unknown for stdin. */
  size?: number;
  /** SHA-256 of the content (a file), or of `stdin:<stream id>`: what the push resumes by. */
  digest: string;
  /** Whether a run of the command again can resume it: a file, or stdin with --stream-id. */
  resumable: boolean;
  /** The input from byte `start`. */
  open(start: number): AsyncIterable<Buffer>;
  /** The first non-empty line, to tell the format. */
  firstLine(): Promise<string | undefined>;
}

export async function openInput(path: string, streamId?: string): Promise<PushInput> {
  if (path === '-') {
    const stdin = process.stdin;
    const digest = createHash('sha256')
      .update(`stdin:${streamId ?? `${Date.now()}-${Math.random()}`}`)
      .digest('hex');
    // stdin can be read once: the first line is peeked and put back in front of the rest.
    let peeked: Buffer[] = [];
    const iterator = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    return {
      path,
      digest,
      resumable: streamId !== undefined,
      async firstLine() {
        let text = '';
        while (!/\S[^\n]*\n/.test(text)) {
          const next = await iterator.next();
          if (next.done) break;
          peeked.push(next.value);
          text += next.value.toString('utf8');
        }
        return text.split('\n').find((line) => line.trim());
      },
      open(start) {
        const head = peeked;
        peeked = [];
        return skip(
          (async function* () {
            yield* head;
            for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
          })(),
          start,
        );
      },
    };
  }
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, EXIT.USAGE);
  }
  const hash = createHash('sha256');
  for await (const part of createReadStream(path)) hash.update(part as Buffer);
  return {
    path,
    size,
    digest: hash.digest('hex'),
    resumable: true,
    open: (start) => createReadStream(path, { start, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>,
    async firstLine() {
      let text = '';
      for await (const part of createReadStream(path, { end: 1024 * 1024 })) {
        text += (part as Buffer).toString('utf8');
        const line = text.split('\n').find((l, i, all) => l.trim() && i < all.length - 1);
        if (line) return line;
      }
      return text.split('\n').find((line) => line.trim());
    },
  };
}

/** Drops the first `bytes` bytes of a stream (stdin resumed by a harness that replays from the start). */
async function* skip(input: AsyncIterable<Buffer>, bytes: number): AsyncGenerator<Buffer> {
  let left = bytes;
  for await (const part of input) {
    if (left >= part.length) {
      left -= part.length;
      continue;
    }
    yield left ? part.subarray(left) : part;
    left = 0;
  }
}

/** `--format`, else from the name (`.csv`), else from the first line (an OCPTV artifact or a measurement). */
export function detectFormat(declared: string | undefined, path: string, firstLine: string | undefined): Format {
  if (declared) {
    if (declared === 'ocptv' || declared === 'ndjson' || declared === 'csv') return declared;
    throw new CliError(`--format must be ocptv, ndjson or csv (got ${declared})`, EXIT.USAGE);
  }
  if (/\.csv$/i.test(path)) return 'csv';
  if (!firstLine) throw new CliError(`${path === '-' ? 'stdin' : path} is empty: nothing to push`, EXIT.REFUSED);
  try {
    const first = JSON.parse(firstLine) as Record<string, unknown>;
    if ('schemaVersion' in first || 'testRunArtifact' in first || 'testStepArtifact' in first) return 'ocptv';
    return 'ndjson';
  } catch {
    if (firstLine.includes(',')) return 'csv';
    throw new CliError(
      `cannot tell the format of ${path === '-' ? 'stdin' : path} from its first line; give --format ocptv|ndjson|csv`,
      EXIT.USAGE,
    );
  }
}
