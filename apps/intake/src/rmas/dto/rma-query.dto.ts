import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsRackSerial, RMA_STATES, RmaState } from '@rackeval/contracts';
import { PageQuery } from '@rackeval/platform';
import { IsIn, IsOptional } from 'class-validator';

export class RmaQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RMA_STATES, enumName: 'RmaState' }) @IsOptional() @IsIn(RMA_STATES) state?: RmaState;
  @ApiPropertyOptional({ example: 'RK-G1-0007', description: 'RMAs that include this rack' })
  @IsOptional()
  @IsRackSerial()
  serial?: string;
}
