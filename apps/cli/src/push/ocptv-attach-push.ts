import type { ResultsPaths } from '@rackeval/api-client';
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { Api, RetryOptions, sleep } from '../api';
import { CliError, EXIT, serverRefusal, ServerError } from '../exit-codes';
import { formatBytes } from '../output';
import { AttachFile } from './file-artifacts';

export type OcptvReceipt = ResultsPaths['/v1/runs/{runId}/ocptv']['post']['responses'][201]['content']['application/json'];

/** A file that became an attachment of the run, as results holds it. */
export interface SentAttachment {
  filename: string;
  path: string;
  size: number;
  sha256: string;
  mediaType: string;
  attachmentId: string;
  href: string;
}

export interface AttachPushResult {
  receipt: OcptvReceipt;
  attachments: SentAttachment[];
}

/** The multipart body: the stream as the part `stream` (application/x-ndjson), then each file; all read from disk as sent. */
export async function ocptvForm(streamPath: string, files: readonly AttachFile[]): Promise<FormData> {
  const form = new FormData();
  form.append('stream', await openAsBlob(streamPath, { type: 'application/x-ndjson' }), basename(streamPath));
  for (const file of files) form.append('file', await openAsBlob(file.path, { type: file.contentType }), file.name);
  return form;
}

/** Failures before the request reached the service: sending again cannot store anything twice. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Answers that say nothing was stored (rate limit; the service, or the gateway in front of it, unavailable). */
const NOT_STORED = new Set([429, 503]);

/**
 * Sends the OCPTV stream and its files in one multipart/form-data request to
 * `POST /v1/runs/{runId}/ocptv`: results stores the measurements, the artifacts and the files
 * together or nothing. The request is not idempotent, so it is sent again only when it cannot have
 * been stored (not connected, 429, 503); after a lost answer the push stops (exit 7) rather than
 * risk storing the stream twice. The answer lists the attachments this upload stored, so nothing is
 * read back (another push to the run may be storing a file of the same name at the same time).
 */
export async function pushOcptvWithFiles(
  api: Api,
  runId: string,
  streamPath: string,
  files: readonly AttachFile[],
  retry: RetryOptions,
): Promise<AttachPushResult> {
  const what = `push ${streamPath} with ${files.length} file(s) to run ${runId}`;
  let receipt: OcptvReceipt | undefined;
  for (let attempt = 1; !receipt; attempt++) {
    if (retry.signal?.aborted) throw new CliError(`${what}: interrupted`, EXIT.INTERRUPTED);
    let response: Response;
    let data: OcptvReceipt | undefined;
    let error: unknown;
    try {
      const form = await ocptvForm(streamPath, files);
      ({ data, error, response } = await api.results.POST('/v1/runs/{runId}/ocptv', {
        params: { path: { runId } },
        body: form as never,
        bodySerializer: (body: unknown) => body as never,
      }));
    } catch (failure) {
      if (failure instanceof CliError) throw failure;
      const code = (failure as { cause?: { code?: string } }).cause?.code;
      const reason = code ?? (failure as Error).message;
      if (retry.signal?.aborted) throw new CliError(`${what}: interrupted; the run holds the whole upload or none of it`, EXIT.INTERRUPTED);
      if (code && NOT_CONNECTED.has(code) && attempt < retry.attempts) {
        await wait(`${what}: ${reason}`, attempt, undefined, retry);
        continue;
      }
      throw lostAnswer(what, runId, reason);
    }
    if (response.ok) {
      receipt = data!;
      break;
    }
    if (NOT_STORED.has(response.status) && attempt < retry.attempts) {
      await wait(`${what}: ${response.status}`, attempt, response, retry);
      continue;
    }
    if (response.status >= 400 && response.status < 500) throw namingFiles(response.status, error as ServerError, what, streamPath, files);
    if (NOT_STORED.has(response.status)) throw serverRefusal(response.status, error as ServerError, what);
    throw lostAnswer(what, runId, `${response.status} ${(error as ServerError | undefined)?.message ?? response.statusText}`);
  }
  return { receipt, attachments: sentAttachments(receipt, files) };
}

async function wait(why: string, attempt: number, response: Response | undefined, retry: RetryOptions): Promise<void> {
  const retryAfter = Number(response?.headers.get('retry-after'));
  const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(250 * 2 ** (attempt - 1), 5_000);
  retry.onRetry?.(why, waitMs, attempt);
  await sleep(waitMs, retry.signal);
}

function lostAnswer(what: string, runId: string, reason: string): CliError {
  return new CliError(
    `${what}: ${reason}; the answer was lost, so whether the run holds the upload is unknown (it holds all of it or none). ` +
      `Look at the run's file artifacts (GET /api/results/v1/runs/${runId}/artifacts?kind=FILE) before pushing again: pushing it twice stores its measurements twice`,
    EXIT.UNAVAILABLE,
  );
}

/** A size as results writes its limits (`64 MiB`, `512 KiB`, `2048 bytes`), in bytes. */
function limitIn(message: string): number | undefined {
  const match = /limit of (\d+(?:\.\d+)?) (MiB|KiB|bytes)/.exec(message);
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'MiB' ? 1024 ** 2 : match[2] === 'KiB' ? 1024 : 1);
}

/**
 * The server's 400/413/415 with the files it concerns. A 400 names the part (`parts.<name>`); a
 * 413 or 415 names the limit or the media type but not the part (parts are checked as they stream
 * in), so the files are found from their sizes and content types.
 */
export function namingFiles(
  status: number,
  body: ServerError | undefined,
  what: string,
  streamPath: string,
  files: readonly AttachFile[],
): CliError {
  const refusal = serverRefusal(status, body, what);
  const message = Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? '');
  const blamed: Array<{ field: string; message: string }> = [];
  const fileField = (file: AttachFile) => `file ${file.name} (${file.path})`;
  if (status === 400) {
    for (const detail of body?.details ?? []) {
      const name = /^parts\.(.+)$/.exec(detail.field)?.[1];
      const file = files.find((f) => f.name === name);
      if (file) blamed.push({ field: fileField(file), message: detail.message });
    }
  } else if (status === 413) {
    if (/OCPTV_MAX_BYTES/.test(message)) blamed.push({ field: `stream ${streamPath}`, message: 'larger than OCPTV_MAX_BYTES' });
    else {
      const limit = limitIn(message);
      const over = limit === undefined ? [] : files.filter((file) => file.size > limit);
      for (const file of over.length ? over : files)
        blamed.push({
          field: fileField(file),
          message: `${formatBytes(file.size)}${limit === undefined ? '' : `, over ${formatBytes(limit)}`}`,
        });
    }
  } else if (status === 415) {
    const declared = /media type "([^"]+)"/.exec(message)?.[1] ?? /declared ([^\s]+) but/.exec(message)?.[1];
    const sent = declared === undefined ? [] : files.filter((file) => file.contentType === declared);
    for (const file of sent.length ? sent : files) blamed.push({ field: fileField(file), message: `sent as ${file.contentType}` });
  }
  if (!blamed.length) return refusal;
  const head = refusal.message.split('\n')[0];
  return new CliError([head, ...blamed.map((b) => `  ${b.field}: ${b.message}`)].join('\n'), refusal.exitCode, {
    ...refusal.server,
    details: [...(body?.details ?? []), ...(status === 400 ? [] : blamed)],
  });
}

/** The attachments the upload's answer lists, for each file sent, with the path it was read from. */
export function sentAttachments(receipt: OcptvReceipt, files: readonly AttachFile[]): SentAttachment[] {
  const stored = new Map(receipt.attachments.map((attachment) => [attachment.filename, attachment]));
  return files.flatMap((file) => {
    const found = stored.get(file.name);
    return found
      ? [
          {
            filename: found.filename,
            path: file.path,
            size: found.size,
            sha256: found.sha256,
            mediaType: found.mediaType,
            attachmentId: found.id,
            href: found.href,
          },
        ]
      : [];
  });
}
