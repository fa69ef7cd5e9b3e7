import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StoredFilePart } from '../ocptv-file-attachments';
import type { OcptvReceipt } from '../ocptv.service';

/** A file part of a multipart upload, stored as an attachment of the run. */
export class OcptvAttachmentView implements StoredFilePart {
  @ApiProperty({
    example: 'file:///var/log/burnin/harness.log',
    description: "What named the part: the `file` artifact's uri when its last segment is the part's filename, else its displayName",
  })
  matched: string;
  @ApiProperty({ format: 'uuid', description: 'The attachment' }) id: string;
  @ApiProperty({ example: 'harness.log' }) filename: string;
  @ApiProperty({ example: 'text/plain' }) mediaType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the bytes (also the download's ETag)" }) sha256: string;
  @ApiProperty({ example: '/v1/runs/{runId}/attachments/{attachmentId}', description: 'Where to download it (relative to the service)' })
  href: string;
}

export class OcptvReceiptView implements OcptvReceipt {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() lines: number;
  @ApiProperty() measurements: number;
  @ApiProperty() rejudged: boolean;
  @ApiProperty() artifacts: number;
  @ApiProperty() steps: number;
  @ApiPropertyOptional({ example: 'COMPLETE' }) runStatus?: string;
  @ApiPropertyOptional({ example: 'PASS' }) runResult?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'diagnoses counted by severity' })
  diagnoses: Record<string, number>;
  @ApiProperty({
    type: [OcptvAttachmentView],
    description: 'Each file part stored as an attachment of the run, in the order received; [] for an NDJSON upload',
  })
  attachments: OcptvAttachmentView[];
}
