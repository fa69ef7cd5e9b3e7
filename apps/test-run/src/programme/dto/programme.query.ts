import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsGenerationCode } from '@rackeval/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ProgrammeQuery {
  @ApiPropertyOptional({ example: 'G1', description: 'one generation; every generation when absent' })
  @IsOptional()
  @IsGenerationCode()
  generation?: string;

  @ApiPropertyOptional({
    example: 30,
    default: 30,
    minimum: 1,
    maximum: 366,
    description: 'bay utilisation window: the last N days up to now',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  windowDays?: number;
}
