import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTAKE_ATTACHMENT_OWNERS, type IntakeAttachmentOwner } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';

export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INTAKE_ATTACHMENT_OWNERS, enumName: 'AttachmentOwner', description: 'what the file is attached to' })
  owner: IntakeAttachmentOwner;
  @ApiProperty({ description: "the delivery's reference, the inspection's id or the RMA's id" }) ownerId: string;
  @ApiPropertyOptional({ example: 'RK-G1-0001', description: 'the inspected rack (inspections only)' }) rackSerial?: string;
  @ApiProperty({ example: 'damage-on-arrival.png' }) filename: string;
  @ApiProperty({ example: 'image/png' }) mediaType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the bytes (also the download's ETag)" }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiDateTime() uploadedAt: string;
  @ApiProperty({ description: 'Where to download it (a path on intake)' }) href: string;
}
