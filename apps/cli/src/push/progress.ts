import { SingleBar } from 'cli-progress';
import { formatBytes, formatDuration } from '../output';

export interface ProgressState {
  rows: number;
  bytes: number;
}

export interface Progress {
  update(state: ProgressState): void;
  note(text: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Total bytes, when known (a file): the bar's length and the ETA. */
  totalBytes?: number;
  /** Where it is drawn (stderr), and whether that is a terminal. */
  stream: NodeJS.WriteStream | NodeJS.WritableStream;
  tty: boolean;
  /** Seconds between the plain lines written when not on a terminal. */
  intervalSeconds: number;
  /** Bytes and rows already stored when the push started (a resume): not counted in the rate. */
  start: ProgressState;
  quiet?: boolean;
  now?: () => number;
}

/** A bar with rows, bytes, rate and ETA on a terminal; a plain line every few seconds otherwise. */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const began = now();
  let state = options.start;
  const rate = () => {
    const seconds = Math.max((now() - began) / 1000, 0.001);
    return { rows: (state.rows - options.start.rows) / seconds, bytes: (state.bytes - options.start.bytes) / seconds };
  };
  const eta = () => (options.totalBytes && rate().bytes > 0 ? formatDuration((options.totalBytes - state.bytes) / rate().bytes) : '?');
  const line = () => {
    const total = options.totalBytes
      ? ` of ${formatBytes(options.totalBytes)} (${Math.floor((100 * state.bytes) / options.totalBytes)} %)`
      : '';
    return `push: ${state.rows} rows, ${formatBytes(state.bytes)}${total}, ${Math.round(rate().rows)} rows/s, ${formatBytes(rate().bytes)}/s, ETA ${eta()}`;
  };
  if (options.quiet) return { update: (s) => void (state = s), note: () => undefined, stop: () => undefined };
  if (!options.tty) {
    let last = began;
    return {
      update(next) {
        state = next;
        if (now() - last >= options.intervalSeconds * 1000) {
          last = now();
          options.stream.write(`${line()}\n`);
        }
      },
      note: (text) => void options.stream.write(`${text}\n`),
      stop: () => void options.stream.write(`${line()}\n`),
    };
  }
  const bar = new SingleBar({
    stream: options.stream as NodeJS.WriteStream,
    format: options.totalBytes
      ? 'push [{bar}] {percentage}% | {rows} rows | {done} of {size} | {rowRate} rows/s | {byteRate}/s | ETA {etaText}'
      : 'push {rows} rows | {done} | {rowRate} rows/s | {byteRate}/s',
    hideCursor: true,
    barsize: 30,
    etaBuffer: 50,
    fps: 5,
  });
  const payload = () => ({
    rows: state.rows,
    done: formatBytes(state.bytes),
    size: formatBytes(options.totalBytes ?? 0),
    rowRate: Math.round(rate().rows),
    byteRate: formatBytes(rate().bytes),
    etaText: eta(),
  });
  bar.start(options.totalBytes ?? 0, state.bytes, payload());
  return {
    update(next) {
      state = next;
      bar.update(state.bytes, payload());
    },
    note(text) {
      bar.stop();
      options.stream.write(`${text}\n`);
      bar.start(options.totalBytes ?? 0, state.bytes, payload());
    },
    stop() {
      bar.update(state.bytes, payload());
      bar.stop();
    },
  };
}
