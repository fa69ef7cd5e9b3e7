import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_SUBJECTS, type AttachmentSubject } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';

export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ATTACHMENT_SUBJECTS, enumName: 'AttachmentSubject' }) subject: AttachmentSubject;
  @ApiProperty({ format: 'uuid', description: "The finding's or run's id" }) subjectId: string;
  @ApiProperty() filename: string;
  @ApiProperty({ example: 'text/plain' }) mediaType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the bytes (also the download's ETag)" }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiDateTime() uploadedAt: string;
  @ApiProperty({ description: 'Where to download it (relative to the service)' }) href: string;
}
