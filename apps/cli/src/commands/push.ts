import { Api, RetryOptions } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { Output } from '../output';
import { pushBatches } from '../push/batch-push';
import { detectFormat, openInput } from '../push/input';
import { pushOcptv } from '../push/ocptv-push';
import { createProgress, ProgressState } from '../push/progress';

export interface PushOptions {
  format?: string;
  chunkBytes: number;
  batchRows: number;
  streamId?: string;
  flushSeconds: number;
  progressInterval: number;
  quiet?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function push(api: Api, runId: string, path: string, options: PushOptions, retry: RetryOptions, out: Output): Promise<void> {
  if (!UUID.test(runId)) throw new CliError(`<run> must be a run id (a UUID), got ${runId}`, EXIT.USAGE);
  const started = Date.now();
  const input = await openInput(path, options.streamId);
  const format = detectFormat(options.format, path, await input.firstLine());
  const stderr = process.stderr;
  const progress = (start: ProgressState) =>
    createProgress({
      totalBytes: input.size,
      stream: stderr,
      tty: stderr.isTTY === true && !out.json,
      intervalSeconds: options.progressInterval,
      start,
      quiet: options.quiet,
    });
  const seconds = () => (Date.now() - started) / 1000;
  if (format === 'ocptv') {
    const { upload, before } = await pushOcptv(
      api,
      runId,
      input,
      { chunkBytes: options.chunkBytes, flushMs: input.path === '-' ? options.flushSeconds * 1000 : undefined },
      retry,
      progress,
    );
    const storedNow = upload.measurements - before.measurements;
    const result = {
      runId,
      format,
      input: path,
      sha256: input.digest,
      uploadId: upload.uploadId,
      state: upload.state,
      lines: upload.committedLines,
      bytes: upload.committedBytes,
      measurements: upload.measurements,
      storedNow,
      resumedFrom: before.bytes,
      runStatus: upload.runStatus ?? null,
      runResult: upload.runResult ?? null,
      rejudged: upload.rejudged,
      seconds: Number(seconds().toFixed(3)),
      rowsPerSecond: Math.round(storedNow / Math.max(seconds(), 0.001)),
    };
    out.result(result, () =>
      before.bytes === upload.committedBytes && upload.state === 'COMPLETE'
        ? `${path}: already stored for run ${runId} (upload ${upload.uploadId}, ${upload.measurements} measurements); nothing sent`
        : `${path}: ${upload.measurements} measurements from ${upload.committedLines} lines stored for run ${runId} (${storedNow} now${before.bytes ? `, resumed at byte ${before.bytes}` : ''}) in ${seconds().toFixed(1)} s, ${result.rowsPerSecond} rows/s; run ${upload.runStatus ?? '?'} ${upload.runResult ?? ''}`.trimEnd(),
    );
    return;
  }
  const batches = await pushBatches(api, runId, input, format, { batchRows: options.batchRows }, retry, progress);
  const result = {
    runId,
    format,
    input: path,
    sha256: input.digest,
    batches: batches.batches,
    replayedBatches: batches.replayed,
    rows: batches.rows,
    storedNow: batches.storedNow,
    bytes: batches.bytes,
    seconds: Number(seconds().toFixed(3)),
    rowsPerSecond: Math.round(batches.storedNow / Math.max(seconds(), 0.001)),
  };
  out.result(
    result,
    () =>
      `${path}: ${batches.rows} measurements in ${batches.batches} batch(es) for run ${runId}: ${batches.storedNow} stored now, ${batches.replayed} batch(es) already stored; ${seconds().toFixed(1)} s, ${result.rowsPerSecond} rows/s`,
  );
}
