import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsRackSerial } from '@rackeval/contracts';
import { PageQuery } from '@rackeval/platform';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'RK-0001' }) @IsOptional() @IsRackSerial() rack?: string;
}
