import { ApiProperty } from '@nestjs/swagger';
import { IsRackSerial } from '@rackeval/contracts';

/** `:serial` in a rack's routes, with the rule a delivery's rack serial follows. */
export class RackSerialParam {
  @ApiProperty({ example: 'RK-G1-0001' }) @IsRackSerial() serial: string;
}
