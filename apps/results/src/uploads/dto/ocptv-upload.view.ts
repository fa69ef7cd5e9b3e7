import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import type { OcptvUploadRecord } from '../ocptv-upload.repository';

export class OcptvUploadView {
  @ApiProperty({ format: 'uuid' }) uploadId: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['OPEN', 'COMPLETE'], enumName: 'OcptvUploadState' }) state: 'OPEN' | 'COMPLETE';
  @ApiProperty({ description: 'Bytes of the file stored: the offset the next chunk starts at' }) committedBytes: number;
  @ApiProperty({ description: 'Lines of the file stored (refusals number lines from the start of the file)' }) committedLines: number;
  @ApiNullable(Number, { description: 'Size of the file, as the client said when opening the upload' }) totalBytes: number | null;
  @ApiProperty({ description: 'Measurements stored from this upload' }) measurements: number;
  @ApiProperty() chunks: number;
  @ApiProperty() artifacts: number;
  @ApiProperty() steps: number;
  @ApiPropertyOptional({ example: 'COMPLETE' }) runStatus?: string;
  @ApiPropertyOptional({ example: 'PASS' }) runResult?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'diagnoses counted by type' }) diagnoses: Record<
    string,
    number
  >;
  @ApiProperty({ description: 'Some chunk arrived after the run completed and the run was judged again' }) rejudged: boolean;
  @ApiProperty() createdBy: string;
  @ApiDateTime() createdAt: string;
  @ApiDateTime() updatedAt: string;
  @ApiDateTime({ nullable: true }) completedAt: string | null;
}

export function toUploadView(upload: OcptvUploadRecord): OcptvUploadView {
  const summary = upload.parserState?.summary;
  return {
    uploadId: upload.id,
    runId: upload.runId,
    sha256: upload.sha256,
    state: upload.state,
    committedBytes: upload.committedBytes,
    committedLines: upload.committedLines,
    totalBytes: upload.totalBytes,
    measurements: upload.measurements,
    chunks: upload.chunks,
    artifacts: summary?.artifacts ?? 0,
    steps: summary?.steps ?? 0,
    ...(summary?.runStatus ? { runStatus: summary.runStatus } : {}),
    ...(summary?.runResult ? { runResult: summary.runResult } : {}),
    diagnoses: summary?.diagnoses ?? {},
    rejudged: upload.rejudged,
    createdBy: upload.createdBy,
    createdAt: upload.createdAt,
    updatedAt: upload.updatedAt,
    completedAt: upload.completedAt,
  };
}
