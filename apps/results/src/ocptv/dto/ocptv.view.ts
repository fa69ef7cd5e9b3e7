import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArtifactAttachmentView } from '../../artifacts/dto/run-artifact.view';
import type { StoredFilePart } from '../ocptv-file-attachments';
import type { OcptvReceipt } from '../ocptv.service';

/** A file part of a multipart upload, stored as an attachment of the run. */
export class OcptvAttachmentView extends ArtifactAttachmentView implements StoredFilePart {
  @ApiProperty({
    example: 'file:///var/log/burnin/harness.log',
    description: "What named the part: the `file` artifact's uri when its last segment is the part's filename, else its displayName",
  })
  matched: string;
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
