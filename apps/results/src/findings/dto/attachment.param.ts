import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** An attachment addressed through its finding: `:id/…/:attachmentId`. */
export class FindingAttachmentParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() attachmentId: string;
}

/** An attachment addressed through its run: `:runId/…/:attachmentId`. */
export class RunAttachmentParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() runId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() attachmentId: string;
}
