import { discardSpooled, mediaTypeOf, receiveUpload, type SpooledFile, type UploadPolicy } from '@rackeval/platform';
import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { ResultsError, ResultsErrorCode } from '../results.errors';

/** The part holding the OCPTV output itself; every other part is a file named by a `file` artifact. */
export const STREAM_PART = 'stream';
/** File parts one upload may carry (OCPTV `file` artifacts are logs, dumps and images: a handful per run). */
export const MAX_FILE_PARTS = 100;

export interface FilePart {
  /** The part's filename (without folders): what a `file` artifact's uri or display name must name. */
  filename: string;
  file: SpooledFile;
}

export interface OcptvParts {
  stream: SpooledFile;
  files: FilePart[];
}

export interface MultipartLimits {
  /** The stream part: OCPTV_MAX_BYTES, media type application/x-ndjson. */
  stream: UploadPolicy;
  /** Each file part: the attachments' size limit and media types (413 / 415 as POST …/attachments). */
  file: UploadPolicy;
  spoolDir: string;
}

const malformed = (message: string, field: string, detail: string) =>
  new ResultsError(ResultsErrorCode.MALFORMED_OCPTV, `${message}; nothing was written`, [{ field, message: detail }]);

/** The file name as a file part must carry it: no folders, not . or .., at most 255 characters. */
const fileNameProblem = (filename: string | undefined): string | undefined =>
  !filename
    ? 'has no filename'
    : /[/\\]/.test(filename) || filename === '.' || filename === '..'
      ? 'must be a file name without folders'
      : filename.length > 255
        ? 'has a filename longer than 255 characters'
        : undefined;

/**
 * Reads a multipart/form-data OCPTV upload part by part as it streams in (busboy), spooling each
 * part to disk while it is counted, hashed and its media type checked: the `stream` part under the
 * OCPTV limits, each file part under the attachments' (the same 413 / 415). Nothing is stored or
 * written here; on any refusal the spooled parts are removed and the rest of the body is drained.
 */
export function receiveOcptvParts(request: Readable & { headers: IncomingHttpHeaders }, limits: MultipartLimits): Promise<OcptvParts> {
  /**
   * One part through the attachments' checks. It reaches them through a pass-through: a refusal
   * destroys what it reads, and a destroyed part would stall busboy; the part itself is drained.
   */
  const receive = async (part: Readable, mediaType: string, policy: UploadPolicy): Promise<SpooledFile> => {
    try {
      return await receiveUpload(
        { body: part.pipe(new PassThrough()), contentType: mediaType, contentLength: undefined },
        policy,
        limits.spoolDir,
      );
    } catch (error) {
      part.unpipe();
      part.resume();
      throw error;
    }
  };
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: MAX_FILE_PARTS + 1, fields: 1, fieldSize: 1024 } });
    } catch (error) {
      request.resume();
      reject(malformed(`the multipart body cannot be read: ${(error as Error).message}`, 'content-type', 'needs a multipart boundary'));
      return;
    }
    let failure: unknown;
    let stream: SpooledFile | undefined;
    let streamParts = 0;
    const files: FilePart[] = [];
    const pending: Array<Promise<unknown>> = [];
    const fail = (error: unknown) => {
      failure ??= error;
    };
    let settled = false;
    const settle = async () => {
      if (settled) return;
      settled = true;
      await Promise.allSettled(pending);
      if (!failure && !stream)
        fail(malformed(`the upload has no "${STREAM_PART}" part with the OCPTV output`, STREAM_PART, 'a part with the NDJSON is required'));
      if (failure) {
        await Promise.all([...(stream ? [stream] : []), ...files.map((f) => f.file)].map(discardSpooled));
        reject(failure);
      } else resolve({ stream: stream!, files });
    };

    parser.on('file', (name, part, info) => {
      if (failure) return void part.resume();
      if (name === STREAM_PART) {
        streamParts += 1;
        const sent = mediaTypeOf(info.mimeType);
        if (streamParts > 1)
          fail(malformed(`the upload has more than one "${STREAM_PART}" part`, STREAM_PART, 'send one OCPTV stream per upload'));
        else if (!sent || !limits.stream.allowed.includes(sent))
          fail(
            malformed(
              `the "${STREAM_PART}" part must be sent as ${limits.stream.allowed.join(' or ')} (got ${sent ?? 'none'})`,
              STREAM_PART,
              'content-type',
            ),
          );
        if (failure) return void part.resume();
        pending.push(
          receive(part, info.mimeType, limits.stream).then((file) => {
            stream = file;
          }, fail),
        );
        return;
      }
      const filename = info.filename;
      const problem = fileNameProblem(filename);
      if (problem || !filename) {
        fail(malformed(`file part "${name}" ${problem}`, `parts.${name}`, problem ?? 'has no filename'));
        return void part.resume();
      }
      pending.push(receive(part, info.mimeType, limits.file).then((file) => files.push({ filename, file }), fail));
    });
    parser.on('field', (name) =>
      fail(malformed(`part "${name}" is not a file (it has no filename)`, `parts.${name}`, 'every part must be a file part')),
    );
    parser.on('fieldsLimit', () => fail(malformed('the upload has a part that is not a file', 'parts', 'every part must be a file part')));
    parser.on('filesLimit', () =>
      fail(malformed(`the upload has more than ${MAX_FILE_PARTS} file parts`, 'parts', `at most ${MAX_FILE_PARTS} files per upload`)),
    );
    parser.on('error', (error: Error) => {
      fail(malformed(`the multipart body cannot be read: ${error.message}`, 'body', 'not a complete multipart/form-data body'));
      request.unpipe(parser);
      request.resume();
      void settle();
    });
    parser.on('close', () => void settle());
    // A client that goes away mid-upload: the parts being spooled fail, and so does the upload.
    const gone = () => parser.destroy(new Error('the request ended before the multipart body did'));
    request.once('aborted', gone).once('error', gone);
    request.pipe(parser);
  });
}
