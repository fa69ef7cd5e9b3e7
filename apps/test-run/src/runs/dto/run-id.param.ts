import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id` in a run's routes: the run's UUID. */
export class RunIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}
