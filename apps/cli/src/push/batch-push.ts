import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Api, call, RetryOptions } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { Format, PushInput } from './input';
import { lineChunks } from './line-chunks';
import { csvColumns, LineError, MeasurementItem, parseCsvLine, parseNdjsonLine } from './measurement-lines';
import { Progress, ProgressState } from './progress';

export interface BatchSettings {
  batchRows: number;
  /** Where acknowledged batches are remembered, so a resumed push skips them; the keys make it safe either way. */
  stateDir?: string;
}

export interface BatchPushResult {
  batches: number;
  /** Batches the server had already stored (answered from their Idempotency-Key, or skipped as acknowledged). */
  replayed: number;
  rows: number;
  storedNow: number;
  bytes: number;
}

interface Batch {
  index: number;
  items: MeasurementItem[];
  lines: number[];
  /** Bytes of the input up to the end of this batch. */
  endByte: number;
}

/**
 * Pushes NDJSON or CSV measurements in batches of the JSON measurements API. Each batch carries the
 * Idempotency-Key `rk-<file digest>-<batch index>`, so a batch sent again (a retry, or the command
 * run again after a cut) is answered from the first time and stored once.
 */
export async function pushBatches(
  api: Api,
  runId: string,
  input: PushInput,
  format: Exclude<Format, 'ocptv'>,
  settings: BatchSettings,
  retry: RetryOptions,
  progress: (start: ProgressState) => Progress,
): Promise<BatchPushResult> {
  const stateFile = join(
    settings.stateDir ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rackeval', 'pushes'),
    `${runId}-${input.digest}.json`,
  );
  const acked = input.resumable ? readAcked(stateFile) : 0;
  const result: BatchPushResult = { batches: 0, replayed: 0, rows: 0, storedNow: 0, bytes: 0 };
  const bar = progress({ rows: 0, bytes: 0 });
  if (acked) bar.note(`resuming: ${acked} batch(es) of this file already stored`);
  const send = async (batch: Batch) => {
    result.batches += 1;
    result.rows += batch.items.length;
    result.bytes = batch.endByte;
    if (batch.index < acked) {
      result.replayed += 1;
      bar.update({ rows: result.rows, bytes: result.bytes });
      return;
    }
    // A run started a moment ago may not have reached results yet: it waits for it (RFC 7240) rather than refusing.
    const headers = { 'idempotency-key': `rk-${input.digest.slice(0, 40)}-${batch.index}`, prefer: 'wait=10' };
    try {
      const answer = await call(
        `batch ${batch.index + 1} (lines ${batch.lines[0]}-${batch.lines[batch.lines.length - 1]})`,
        () =>
          api.results.POST('/v1/runs/{runId}/measurements', { params: { path: { runId } }, body: { measurements: batch.items }, headers }),
        retry,
      );
      if (answer.response.headers.get('idempotent-replayed') === 'true') result.replayed += 1;
      else result.storedNow += answer.data.accepted;
    } catch (error) {
      throw error instanceof CliError && error.server ? withLines(error, batch) : error;
    }
    if (input.resumable) writeAcked(stateFile, batch.index + 1);
    bar.update({ rows: result.rows, bytes: result.bytes });
  };
  try {
    let columns: ReturnType<typeof csvColumns> | undefined;
    let batch: Batch = { index: 0, items: [], lines: [], endByte: 0 };
    for await (const chunk of lineChunks(input.open(0), { chunkBytes: 1024 * 1024 })) {
      const text = chunk.bytes.toString('utf8');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      let byte = chunk.offset;
      for (let i = 0; i < lines.length; i++) {
        const number = chunk.firstLine + i;
        byte += Buffer.byteLength(lines[i]) + 1;
        const line = lines[i].replace(/\r$/, '');
        if (!line.trim()) continue;
        if (format === 'csv' && !columns) {
          columns = csvColumns(line);
          continue;
        }
        batch.items.push(format === 'csv' ? parseCsvLine(line, number, columns!) : parseNdjsonLine(line, number));
        batch.lines.push(number);
        batch.endByte = Math.min(byte, chunk.offset + chunk.bytes.length);
        if (batch.items.length >= settings.batchRows) {
          await send(batch);
          batch = { index: batch.index + 1, items: [], lines: [], endByte: batch.endByte };
        }
      }
    }
    if (batch.items.length) await send(batch);
  } catch (error) {
    if (error instanceof LineError)
      throw new CliError(
        `${input.path === '-' ? 'stdin' : input.path} ${error.message}; nothing from this line on was sent (${result.rows} rows before it were)`,
        EXIT.REFUSED,
      );
    throw error;
  } finally {
    bar.stop();
  }
  return result;
}

/** The server names items (`measurements[12].unit`); a person wants the line of the file. */
function withLines(error: CliError, batch: Batch): CliError {
  const lineOf = (field: string) => {
    const match = /^measurements\[(\d+)\](.*)$/.exec(field);
    const line = match ? batch.lines[Number(match[1])] : undefined;
    return line === undefined ? field : `line ${line}${match![2] ? ` ${match![2].replace(/^\./, '')}` : ''}`;
  };
  const details = (error.server?.details ?? []).map((detail) => ({ field: lineOf(detail.field), message: detail.message }));
  const head = error.message.split('\n')[0];
  return new CliError([head, ...details.map((detail) => `  ${detail.field}: ${detail.message}`)].join('\n'), error.exitCode, {
    ...error.server,
    details,
  });
}

function readAcked(file: string): number {
  try {
    const value = (JSON.parse(readFileSync(file, 'utf8')) as { acked?: unknown }).acked;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
  } catch {
    return 0;
  }
}

function writeAcked(file: string, acked: number): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify({ acked }));
}
