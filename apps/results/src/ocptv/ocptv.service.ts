import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { SERVICE_CONFIG } from '@rackeval/platform';
import { discardSpooled } from '@rackeval/platform';
import { createReadStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { ResultsConfig } from '../config';
import { MeasurementGate } from '../measurements/measurement-gate';
import { MeasurementRows } from '../measurements/measurement.repository';
import { RunArtifactRepository } from '../artifacts/run-artifact.repository';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { ndjsonLines, StreamTooLargeError } from './ndjson-lines';
import { OcptvFileAttachments, type StoredFilePart } from './ocptv-file-attachments';
import { OcptvLineCheck } from './ocptv-line-check';
import { type FilePart, receiveOcptvParts } from './ocptv-multipart';
import { OcptvStreamParser, StreamSummary } from './ocptv.parser';

export const NDJSON = 'application/x-ndjson';
export const MULTIPART = 'multipart/form-data';
/** Rows of a stream's first COPY chunk; each later chunk is twice the one before, up to OCPTV_BATCH_ROWS. */
const FIRST_CHUNK_ROWS = 250;

/** OCPTV's contract refuses another media type as a malformed stream (400 MALFORMED_OCPTV), `what` naming the body. */
export const ocptvMediaTypeRefused =
  (what: string) =>
  (sent: string | undefined, accepted: readonly string[] = [NDJSON]): ResultsError =>
    new ResultsError(ResultsErrorCode.MALFORMED_OCPTV, `${what} must be sent as ${accepted.join(' or ')} (got ${sent ?? 'none'})`, [
      { field: 'content-type', message: `must be ${accepted.join(' or ')}` },
    ]);

export interface OcptvReceipt extends StreamSummary {
  runId: string;
  lines: number;
  measurements: number;
  rejudged: boolean;
  /** The file parts stored as attachments of the run ([] for an NDJSON upload). */
  attachments: StoredFilePart[];
}

@Injectable()
export class OcptvService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly gate: MeasurementGate,
    private readonly files: OcptvFileAttachments,
    @Inject(SERVICE_CONFIG) private readonly config: ResultsConfig,
  ) {}

  /**
   * The stream with the files its `file` artifacts name, as multipart/form-data: a `stream` part
   * (the NDJSON) and file parts. Every part is spooled to disk as it streams in and checked (the
   * stream under OCPTV_MAX_BYTES, each file as an attachment: 413, 415), then the stream is ingested
   * as above and, in the same transaction, each file part becomes an attachment of the run linked
   * to the artifacts naming it. Any refusal writes nothing; the spooled parts are always removed.
   */
  async ingestMultipart(runId: string, request: Readable & { headers: IncomingHttpHeaders }, actor: string): Promise<OcptvReceipt> {
    const parts = await receiveOcptvParts(request, {
      stream: { maxBytes: this.config.OCPTV_MAX_BYTES, maxBytesSetting: 'OCPTV_MAX_BYTES', allowed: [NDJSON] },
      file: this.files.policy,
      spoolDir: this.files.spoolDir,
    });
    try {
      return await this.ingest(runId, createReadStream(parts.stream.path), actor, undefined, parts.files);
    } finally {
      await Promise.all([parts.stream, ...parts.files.map((part) => part.file)].map(discardSpooled));
    }
  }

  /**
   * Reads the request line by line inside one transaction, sending measurements to one open COPY
   * in chunks while the rest of the stream is still read; any bad line cancels the COPY and rolls
   * everything back. Parsing goes on after the first bad line so the refusal names every bad line
   * at once. The stream is bounded: OCPTV_MAX_BYTES in all (413, checked against Content-Length
   * first, then while reading) and OCPTV_MAX_LINE_BYTES per line (a bad line).
   */
  async ingest(runId: string, stream: Readable, actor: string, contentLength?: string, files?: readonly FilePart[]): Promise<OcptvReceipt> {
    const limits = { maxBytes: this.config.OCPTV_MAX_BYTES, maxLineBytes: this.config.OCPTV_MAX_LINE_BYTES };
    if (Number(contentLength) > limits.maxBytes) {
      stream.resume();
      throw tooLarge(limits.maxBytes);
    }
    return this.unitOfWork.run(async (tx) => {
      const open = await this.gate.open(tx, runId).catch((error: unknown) => {
        stream.resume();
        throw error;
      });
      const parser = new OcptvStreamParser(open.run.rackSerial);
      const rows = new MeasurementRows(runId, { actor, source: 'ocptv' });
      const check = new OcptvLineCheck(parser, this.gate, open, rows);
      let lines = 0;
      const copy = await MeasurementRows.openCopy(tx.manager);
      let sent = 0;
      // The first chunk goes out after a few hundred rows, and each later one is twice as large up
      // to OCPTV_BATCH_ROWS: PostgreSQL starts storing almost as soon as the stream begins instead
      // of waiting while a whole batch is read and parsed.
      let due = Math.min(FIRST_CHUNK_ROWS, this.config.OCPTV_BATCH_ROWS);
      try {
        for await (const chunk of ndjsonLines(stream, limits)) {
          for (const line of chunk) {
            lines += 1;
            if (line === null)
              check.report(
                `line ${lines}`,
                `longer than ${sizeOf(limits.maxLineBytes)} (OCPTV_MAX_LINE_BYTES); one artifact per line`,
                false,
              );
            else check.line(lines, line);
          }
          if (check.bad)
            rows.take(); // nothing more is sent; the COPY is cancelled below
          else if (rows.length - sent >= due) {
            sent = rows.length;
            due = Math.min(due * 2, this.config.OCPTV_BATCH_ROWS);
            await copy.write(rows.take());
          }
        }
        check.finish();
        const refused = check.refusal(`in the OCPTV stream for run ${runId}, nothing was written`);
        if (refused) throw refused;
        await copy.end(rows.take());
      } catch (error) {
        await copy.abort(error instanceof Error ? error.message : String(error));
        if (error instanceof StreamTooLargeError) {
          stream.resume();
          throw tooLarge(error.maxBytes);
        }
        throw error;
      }
      const { records, attachments } = files
        ? await this.files.attach(tx, open.run, actor, check.records, files)
        : { records: check.records, attachments: [] };
      await RunArtifactRepository.insert(tx.manager, runId, actor, records);
      if (check.dut) await RunArtifactRepository.saveDut(tx.manager, runId, actor, check.dut);
      await this.gate.afterWrite(open, tx, { actor, reason: `late OCPTV measurements of run ${runId}` });
      return { runId, lines, measurements: rows.length, rejudged: open.late, ...parser.summary, attachments };
    });
  }
}

const sizeOf = (bytes: number) =>
  bytes % 1024 ** 2 === 0 ? `${bytes / 1024 ** 2} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;

/** 413 naming the limit and its setting; nothing was written (the COPY is cancelled, the transaction rolled back). */
function tooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`the OCPTV stream is larger than ${sizeOf(maxBytes)} (OCPTV_MAX_BYTES); nothing was written`);
}
