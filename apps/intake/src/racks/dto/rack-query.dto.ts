import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsGenerationCode, RACK_STATES, RackState } from '@rackeval/contracts';
import { PageQuery } from '@rackeval/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class RackQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'G1' }) @IsOptional() @IsGenerationCode() generation?: string;
  @ApiPropertyOptional({ enum: RACK_STATES }) @IsOptional() @IsIn(RACK_STATES) state?: RackState;
  @ApiPropertyOptional({ example: 'US-TX-1' }) @IsOptional() @IsString() @MaxLength(64) site?: string;
  @ApiPropertyOptional({ example: 'RK-G1-' }) @IsOptional() @IsString() @MaxLength(64) serialPrefix?: string;
}
