import type { ResultsPaths } from '@rackeval/api-client';
import { Api, call, RetryOptions } from '../api';
import { CliError, EXIT } from '../exit-codes';
import { PushInput } from './input';
import { lineChunks } from './line-chunks';
import { Progress, ProgressState } from './progress';

export type UploadView = ResultsPaths['/v1/runs/{runId}/ocptv/uploads/{uploadId}']['get']['responses'][200]['content']['application/json'];

export interface ChunkSettings {
  chunkBytes: number;
  flushMs?: number;
}

export interface OcptvPushResult {
  upload: UploadView;
  /** Bytes and measurements the server held before this push started (a resume). */
  before: { bytes: number; measurements: number };
}

/**
 * Pushes an OCPTV file through a resumable upload: the server keys it by (run, SHA-256 of the file)
 * and says how many bytes it has stored; the push sends whole-line chunks from there. A chunk whose
 * answer is lost is sent again at the same offset and the server answers from what it stored, so
 * nothing is stored twice, after a retry or a whole new run of the command.
 */
export async function pushOcptv(
  api: Api,
  runId: string,
  input: PushInput,
  settings: ChunkSettings,
  retry: RetryOptions,
  progress: (start: ProgressState) => Progress,
): Promise<OcptvPushResult> {
  const path = { runId };
  const opened = await call(
    `open the upload of ${input.path} for run ${runId}`,
    () =>
      api.results.POST('/v1/runs/{runId}/ocptv/uploads', {
        params: { path },
        body: { sha256: input.digest, ...(input.size !== undefined ? { bytes: input.size } : {}) },
      }),
    retry,
  );
  let upload = opened.data;
  const before = { bytes: upload.committedBytes, measurements: upload.measurements };
  if (upload.state === 'COMPLETE') return { upload, before };
  // What was stored before this push is where the bar starts, not part of its rate.
  const bar = progress({ rows: upload.measurements, bytes: upload.committedBytes });
  if (upload.committedBytes > 0)
    bar.note(`resuming upload ${upload.uploadId}: ${upload.committedLines} lines (${upload.committedBytes} bytes) already stored`);
  try {
    for (;;) {
      const from = upload.committedBytes;
      let resync = false;
      for await (const chunk of lineChunks(input.open(from), { ...settings, startOffset: from, startLine: upload.committedLines + 1 })) {
        try {
          const sent = await call(
            `chunk at byte ${chunk.offset} (lines ${chunk.firstLine}-${chunk.firstLine + Math.max(chunk.lines - 1, 0)})`,
            () =>
              api.results.POST('/v1/runs/{runId}/ocptv/uploads/{uploadId}/chunks', {
                params: { path: { runId, uploadId: upload.uploadId }, query: { offset: chunk.offset, final: chunk.final } },
                body: chunk.bytes as never,
                bodySerializer: (body: unknown) => body as never,
                headers: { 'content-type': 'application/x-ndjson' },
              }),
            retry,
          );
          upload = sent.data;
        } catch (error) {
          if (!(error instanceof CliError) || error.server?.code !== 'UPLOAD_OFFSET_MISMATCH') throw error;
          // Another push of the same file got further (or this one lost track): continue from the server's offset.
          upload = (
            await call(
              'read the upload',
              () =>
                api.results.GET('/v1/runs/{runId}/ocptv/uploads/{uploadId}', { params: { path: { runId, uploadId: upload.uploadId } } }),
              retry,
            )
          ).data;
          if (input.path === '-')
            throw new CliError(
              `the server holds ${upload.committedBytes} bytes of this stream, not ${chunk.offset}: start the stream again from its beginning with the same --stream-id`,
              EXIT.CONFLICT,
            );
          bar.note(`the server holds ${upload.committedBytes} bytes; continuing from there`);
          resync = true;
          break;
        }
        bar.update({ rows: upload.measurements, bytes: upload.committedBytes });
        if (upload.state === 'COMPLETE') break;
      }
      if (!resync) break;
    }
  } finally {
    bar.stop();
  }
  return { upload, before };
}
