import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:runId` of a run's live stream: any UUID in hex (results says whether it names a run). */
export class RunIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('loose') runId: string;
}
