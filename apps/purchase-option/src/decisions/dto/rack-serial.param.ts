import { ApiProperty } from '@nestjs/swagger';
import { IsRackSerial } from '@rackeval/contracts';

/** `:rackSerial` in an option's routes. */
export class RackSerialParam {
  @ApiProperty({ example: 'RK-0001' }) @IsRackSerial() rackSerial: string;
}
