import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id` in an RMA's routes: intake's id of the RMA (the manufacturer's number is a field). */
export class RmaIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}
