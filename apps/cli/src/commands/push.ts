import { Api, RetryOptions } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { formatBytes, Output, table } from '../output';
import { pushBatches } from '../push/batch-push';
import { describeArtifact, planAttachments, scanFileArtifacts } from '../push/file-artifacts';
import { detectFormat, openInput, PushInput } from '../push/input';
import { pushOcptvWithFiles } from '../push/ocptv-attach-push';
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
  /** OCPTV: files named by the stream's `file` artifacts, sent with it (multipart). */
  attach?: string[];
  /** OCPTV: a folder holding the files the stream's `file` artifacts name. */
  attachFrom?: string;
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
  const attaching = (options.attach?.length ?? 0) > 0 || options.attachFrom !== undefined;
  if (attaching) {
    if (format !== 'ocptv') throw new CliError(`--attach and --attach-from go with OCPTV input (${path} is ${format})`, EXIT.USAGE);
    if (input.path === '-') throw new CliError('--attach and --attach-from need the OCPTV stream in a file, not stdin', EXIT.USAGE);
    return pushWithFiles(api, runId, input, options, retry, out, seconds);
  }
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

/** OCPTV with the files its `file` artifacts name: one multipart request (not resumable; all or nothing). */
async function pushWithFiles(
  api: Api,
  runId: string,
  input: PushInput,
  options: PushOptions,
  retry: RetryOptions,
  out: Output,
  seconds: () => number,
): Promise<void> {
  const artifacts = await scanFileArtifacts(input.open(0));
  const plan = planAttachments(artifacts, options.attach ?? [], options.attachFrom);
  for (const artifact of plan.unmatched)
    out.note(`warning: no file given for the file artifact ${describeArtifact(artifact)}; it stays a reference`, true);
  if (!options.quiet)
    out.note(
      `sending ${input.path} (${formatBytes(input.size ?? 0)}) with ${plan.files.length} file(s): ${plan.files.map((f) => `${f.name} (${formatBytes(f.size)}, ${f.contentType})`).join(', ') || 'none'}`,
    );
  const { receipt, attachments } = await pushOcptvWithFiles(api, runId, input.path, plan.files, retry);
  const result = {
    runId,
    format: 'ocptv',
    input: input.path,
    sha256: input.digest,
    multipart: true,
    lines: receipt.lines,
    measurements: receipt.measurements,
    storedNow: receipt.measurements,
    artifacts: receipt.artifacts,
    steps: receipt.steps,
    diagnoses: receipt.diagnoses,
    runStatus: receipt.runStatus ?? null,
    runResult: receipt.runResult ?? null,
    rejudged: receipt.rejudged,
    attachments,
    references: plan.unmatched.map((artifact) => ({
      line: artifact.line,
      displayName: artifact.displayName ?? null,
      uri: artifact.uri ?? null,
    })),
    seconds: Number(seconds().toFixed(3)),
  };
  out.result(result, () =>
    [
      `${input.path}: ${receipt.measurements} measurements and ${receipt.artifacts} artifacts from ${receipt.lines} lines stored for run ${runId} in ${seconds().toFixed(1)} s; run ${receipt.runStatus ?? '?'} ${receipt.runResult ?? ''}`.trimEnd(),
      `${attachments.length} attachment(s):`,
      table(
        ['FILENAME', 'BYTES', 'SHA256'],
        attachments.map((a) => [a.filename, String(a.size), a.sha256]),
      ),
      ...(plan.unmatched.length ? [`${plan.unmatched.length} file artifact(s) without their file (references only)`] : []),
    ].join('\n'),
  );
}
