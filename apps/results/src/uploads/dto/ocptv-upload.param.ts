import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:runId/…/:uploadId` in a resumable upload's routes. */
export class OcptvUploadParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() runId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() uploadId: string;
}
