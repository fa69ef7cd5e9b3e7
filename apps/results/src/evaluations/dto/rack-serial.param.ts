import { ApiProperty } from '@nestjs/swagger';
import { IsRackSerial } from '@rackeval/contracts';

/** `:serial` in a rack's evaluation routes, with the rule the rack events carry it by. */
export class RackSerialParam {
  @ApiProperty({ example: 'RK-G1-0001' }) @IsRackSerial() serial: string;
}
