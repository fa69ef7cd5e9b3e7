import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id` in a finding's routes: the finding's UUID. */
export class FindingIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}
