import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsGenerationCode } from '@rackeval/contracts';
import { IsOptional } from 'class-validator';

export class ProgrammeQuery {
  @ApiPropertyOptional({ example: 'G1', description: 'one generation; every generation when absent' })
  @IsOptional()
  @IsGenerationCode()
  generation?: string;
}
