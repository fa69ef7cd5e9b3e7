import { Logger, StreamableFile } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { contentDisposition } from '../attachments/attachment-download';

const logger = new Logger('CsvExport');

/**
 * A CSV answer written as its chunks are produced: the next chunk is only asked for once the
 * response has taken the previous ones (at most ~64 KiB buffered), so memory stays flat however
 * large the export. A failure after the first byte aborts the response (a truncated file must not
 * look complete); before it, the answer is a 500. With a `filename`, the answer is a download of
 * that name (a route may set Content-Disposition itself instead).
 */
export function csvFile(chunks: AsyncIterable<string>, filename?: string): StreamableFile {
  const file = new StreamableFile(Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 }), {
    type: 'text/csv; charset=utf-8',
    disposition: filename ? contentDisposition(filename) : undefined,
  });
  file.setErrorHandler((error, handlerResponse) => {
    logger.error(error);
    const response = handlerResponse as unknown as ServerResponse;
    if (response.destroyed) return;
    if (response.headersSent) response.destroy();
    else {
      response.statusCode = 500;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end(
        JSON.stringify({
          statusCode: 500,
          error: 'Internal Server Error',
          code: 'INTERNAL',
          message: 'an unexpected error occurred',
          details: [],
        }),
      );
    }
  });
  return file;
}
