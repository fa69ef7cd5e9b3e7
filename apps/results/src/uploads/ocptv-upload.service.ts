import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { SERVICE_CONFIG } from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ResultsConfig } from '../config';
import { MeasurementGate } from '../measurements/measurement-gate';
import { countIngested } from '../measurements/measurement-metrics';
import { MeasurementRows } from '../measurements/measurement.repository';
import { OcptvLineCheck } from '../ocptv/ocptv-line-check';
import { OcptvStreamParser } from '../ocptv/ocptv.parser';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunArtifactRepository } from '../artifacts/run-artifact.repository';
import { RunRepository } from '../run-mirror/run.repository';
import { OcptvChunkQuery, OpenOcptvUploadDto } from './dto/ocptv-upload.dto';
import { OcptvUploadView, toUploadView } from './dto/ocptv-upload.view';
import { OcptvUploadRecord, OcptvUploadRepository } from './ocptv-upload.repository';

/**
 * Resumable OCPTV uploads. A client opens the upload of one file (by its SHA-256) for a run and
 * sends it in chunks of whole lines, each at the offset the server has committed. A chunk's
 * measurements and the new offset commit in one transaction, so a chunk sent again (a retry after
 * a cut, or a re-run of the client) is recognised by its offset and stored once. The parser's
 * state travels between chunks in the upload row, so the stream is checked exactly as if it came
 * in one request; the last chunk (`final`) also checks the stream's end.
 */
@Injectable()
export class OcptvUploadService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly gate: MeasurementGate,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ResultsConfig,
  ) {}

  async open(runId: string, body: OpenOcptvUploadDto, actor: string): Promise<{ upload: OcptvUploadView; created: boolean }> {
    const manager = this.dataSource.manager;
    if (!(await RunRepository.find(manager, runId))) throw unknownRun(runId);
    const { record, created } = await OcptvUploadRepository.openOrFind(manager, {
      id: randomUUID(),
      runId,
      sha256: body.sha256.toLowerCase(),
      totalBytes: body.bytes,
      actor,
    });
    return { upload: toUploadView(record), created };
  }

  async get(runId: string, uploadId: string): Promise<OcptvUploadView> {
    return toUploadView(await this.found(runId, uploadId));
  }

  async list(runId: string): Promise<OcptvUploadView[]> {
    if (!(await RunRepository.find(this.dataSource.manager, runId))) throw unknownRun(runId);
    return (await OcptvUploadRepository.list(this.dataSource.manager, runId)).map(toUploadView);
  }

  async addChunk(runId: string, uploadId: string, query: OcptvChunkQuery, stream: Readable, actor: string): Promise<OcptvUploadView> {
    const body = await readBounded(stream, this.config.OCPTV_CHUNK_MAX_BYTES);
    const view = await this.unitOfWork.run(async (tx) => {
      const upload = await OcptvUploadRepository.find(tx.manager, runId, uploadId, 'update');
      if (!upload) throw unknownUpload(runId, uploadId);
      // A chunk already stored (its commit's answer was lost, or the client started again) is answered, not stored again.
      if (upload.state === 'COMPLETE' || (body.length > 0 && query.offset + body.length <= upload.committedBytes))
        return { view: toUploadView(upload), stored: 0 };
      if (query.offset !== upload.committedBytes) throw offsetMismatch(upload, query.offset);
      if (body.length && body[body.length - 1] !== 0x0a && !query.final) {
        throw new ResultsError(
          ResultsErrorCode.MALFORMED_OCPTV,
          `a chunk must end at the end of a line (only the final chunk may end without a newline)`,
          [{ field: 'body', message: 'does not end with a newline' }],
        );
      }
      const open = await this.gate.open(tx, runId);
      const parser = upload.parserState
        ? OcptvStreamParser.restore(open.run.rackSerial, upload.parserState)
        : new OcptvStreamParser(open.run.rackSerial);
      const rows = new MeasurementRows(runId, { actor, source: 'ocptv' });
      const check = new OcptvLineCheck(parser, this.gate, open, rows);
      const text = body.toString('utf8');
      const lines = text.length ? text.split('\n') : [];
      if (lines.length && lines[lines.length - 1] === '') lines.pop();
      lines.forEach((line, i) => {
        const number = upload.committedLines + i + 1;
        if (Buffer.byteLength(line) > this.config.OCPTV_MAX_LINE_BYTES)
          check.report(
            `line ${number}`,
            `longer than OCPTV_MAX_LINE_BYTES (${this.config.OCPTV_MAX_LINE_BYTES} bytes); one artifact per line`,
            false,
          );
        else check.line(number, line);
      });
      if (query.final) check.finish();
      const refused = check.refusal(
        `in the chunk at byte ${query.offset} of upload ${uploadId}; this chunk was not stored (${upload.committedLines} earlier lines are)`,
      );
      if (refused) throw refused;
      const copy = await MeasurementRows.openCopy(tx.manager);
      const stored = rows.length;
      try {
        await copy.end(rows.take());
      } catch (error) {
        await copy.abort(error instanceof Error ? error.message : String(error));
        throw error;
      }
      await RunArtifactRepository.insert(tx.manager, runId, actor, check.records);
      if (check.dut) await RunArtifactRepository.saveDut(tx.manager, runId, actor, check.dut);
      await this.gate.afterWrite(open, tx, { actor, reason: `late OCPTV measurements of run ${runId}` });
      const committed = await OcptvUploadRepository.commitChunk(tx.manager, uploadId, {
        bytes: body.length,
        lines: lines.length,
        measurements: stored,
        parserState: parser.snapshot(),
        complete: query.final === true,
        rejudged: open.late,
      });
      return { view: toUploadView(committed), stored };
    });
    countIngested('ocptv', view.stored);
    return view.view;
  }

  private async found(runId: string, uploadId: string): Promise<OcptvUploadRecord> {
    const upload = await OcptvUploadRepository.find(this.dataSource.manager, runId, uploadId);
    if (!upload) throw unknownUpload(runId, uploadId);
    return upload;
  }
}

async function readBounded(stream: Readable, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const part of stream) {
    length += (part as Buffer).length;
    if (length > maxBytes) {
      stream.resume();
      throw new PayloadTooLargeException(`a chunk is larger than ${maxBytes} bytes (OCPTV_CHUNK_MAX_BYTES); send smaller chunks`);
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts, length);
}

const unknownRun = (runId: string) =>
  new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
const unknownUpload = (runId: string, uploadId: string) =>
  new ResultsError(ResultsErrorCode.UNKNOWN_UPLOAD, `run ${runId} has no OCPTV upload ${uploadId}`, [
    { field: 'uploadId', message: 'unknown' },
  ]);

function offsetMismatch(upload: OcptvUploadRecord, offset: number): ResultsError {
  return new ResultsError(
    ResultsErrorCode.UPLOAD_OFFSET_MISMATCH,
    `upload ${upload.id} has ${upload.committedBytes} bytes stored; the next chunk must start at offset ${upload.committedBytes} (got ${offset})`,
    [{ field: 'offset', message: `must be ${upload.committedBytes}` }],
  );
}
